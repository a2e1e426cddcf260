import { useEffect, useRef } from 'react';
import type { EventType } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { groupByResource, isGroupSelected, isTypeSelected, setGroup, setType } from './event-selection';

interface EventsPickerProps {
  eventTypes: readonly EventType[];
  value: string[];
  onChange: (patterns: string[]) => void;
  errorId?: string;
}

/** The catalog grouped by resource, each group with a select-all box and each event with its description. */
export function EventsPicker({ eventTypes, value, onChange, errorId }: EventsPickerProps) {
  const { t } = useI18n();
  const groups = groupByResource(eventTypes.filter((type) => type.origin === 'product'));
  return (
    <div className="events-picker">
      {groups.map((group) => {
        const chosen = group.types.filter((type) => isTypeSelected(value, type)).length;
        const whole = isGroupSelected(value, group.resource);
        return (
          <fieldset key={group.resource} className="event-group" aria-describedby={errorId}>
            <legend>
              <GroupCheckbox
                label={t('form.events.all', { resource: group.resource.replace(/_/g, ' ') })}
                checked={whole}
                indeterminate={!whole && chosen > 0}
                onChange={(on) => onChange(setGroup(value, groups, group.resource, on))}
              />
              <span className="help"> {t('form.events.selected', { count: chosen })}</span>
            </legend>
            <ul>
              {group.types.map((type) => {
                const id = `event-${type.type}`;
                return (
                  <li key={type.type}>
                    <input
                      id={id}
                      type="checkbox"
                      checked={isTypeSelected(value, type)}
                      onChange={(event) => onChange(setType(value, groups, type, event.target.checked))}
                      aria-describedby={`${id}-description`}
                    />
                    <label htmlFor={id}>
                      <code>{type.type}</code>
                    </label>
                    <span id={`${id}-description`} className="help block">
                      {type.description}
                    </span>
                  </li>
                );
              })}
            </ul>
          </fieldset>
        );
      })}
    </div>
  );
}

function GroupCheckbox(props: {
  label: string;
  checked: boolean;
  indeterminate: boolean;
  onChange: (on: boolean) => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) {
      ref.current.indeterminate = props.indeterminate;
    }
  }, [props.indeterminate]);
  return (
    <label className="group-label">
      <input
        ref={ref}
        type="checkbox"
        checked={props.checked}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      {props.label}
    </label>
  );
}
