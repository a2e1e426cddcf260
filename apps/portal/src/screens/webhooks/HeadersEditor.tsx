import { FieldErrors } from '../../components/Field';
import { useI18n } from '../../i18n/i18n';
import type { HeaderRow } from './webhook-form-values';

export function HeadersEditor({
  rows,
  onChange,
  errors,
}: {
  rows: HeaderRow[];
  onChange: (rows: HeaderRow[]) => void;
  errors?: string[];
}) {
  const { t } = useI18n();
  const update = (index: number, row: HeaderRow) =>
    onChange(rows.map((current, i) => (i === index ? row : current)));
  return (
    <fieldset className="fieldset">
      <legend>{t('form.headers')}</legend>
      {rows.map((row, index) => (
        <div className="field-row" key={index}>
          <input
            aria-label={t('form.headers.name')}
            value={row.name}
            placeholder="X-Tenant"
            onChange={(e) => update(index, { ...row, name: e.target.value })}
          />
          <input
            aria-label={t('form.headers.value')}
            value={row.value}
            onChange={(e) => update(index, { ...row, value: e.target.value })}
          />
          <button
            type="button"
            className="button small"
            aria-label={t('form.headers.remove', { name: row.name || String(index + 1) })}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            <span aria-hidden="true">×</span>
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button small"
        onClick={() => onChange([...rows, { name: '', value: '' }])}
      >
        {t('form.headers.add')}
      </button>
      {errors && <FieldErrors id="headers-errors" errors={errors} />}
    </fieldset>
  );
}
