import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

interface TrendLine {
  dataKey: string;
  name: string;
  stroke: string;
}

interface TrendChartProps {
  title: string;
  /** What the figure is called for assistive technology (the title may carry a unit). */
  label: string;
  rows: object[];
  lines: readonly TrendLine[];
  domain?: [number, number];
  legend?: boolean;
}

/** One line per series over the buckets' `at` labels; a gap in a series is bridged. */
export function TrendChart({ title, label, rows, lines, domain, legend = false }: TrendChartProps) {
  return (
    <figure className="chart" aria-label={label}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="at" />
          <YAxis domain={domain} />
          <Tooltip />
          {legend && <Legend />}
          {lines.map((line) => (
            <Line
              key={line.dataKey}
              type="monotone"
              dataKey={line.dataKey}
              name={line.name}
              stroke={line.stroke}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
