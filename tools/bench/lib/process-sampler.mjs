// CPU and memory of every process of the run, from /proc (Linux), per scenario window.
// CPU: utime+stime deltas of /proc/<pid>/stat; memory: the highest VmRSS sampled in the window (summed over
// a group's pids) and, at the end, each process's lifetime VmHWM. Also the whole machine's busy share
// (/proc/stat), so load from other users of the machine is visible next to the figures.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function readStat(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // Fields after "(comm)": [0] state … [11] utime, [12] stime, [19] starttime (clock ticks since boot).
    return { ticks: Number(fields[11]) + Number(fields[12]), startTicks: Number(fields[19]) };
  } catch {
    return null;
  }
}

function readMemoryKb(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /VmRSS:\s+(\d+)/.exec(text);
    const hwm = /VmHWM:\s+(\d+)/.exec(text);
    return { rss: rss ? Number(rss[1]) : 0, hwm: hwm ? Number(hwm[1]) : 0 };
  } catch {
    return null;
  }
}

function readMachine() {
  const [line] = fs.readFileSync('/proc/stat', 'utf8').split('\n');
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = values[3] + (values[4] ?? 0);
  const total = values.reduce((sum, value) => sum + value, 0);
  return { idle, total };
}

function uptimeTicks() {
  return Number(fs.readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * CLOCK_TICKS;
}

export class ProcessSampler {
  #groups = new Map();
  #lastTicks = new Map();
  #windows = new Map();
  #timer = null;
  #startedAtTicks = uptimeTicks();
  #hwm = new Map();
  #machine = readMachine();

  /** `pids` returns the current pids of a group (a service restarts, Postgres backends come and go). */
  track(name, pids) {
    this.#groups.set(name, pids);
  }

  untrack(name) {
    this.#groups.delete(name);
  }

  start(intervalMs = 500) {
    this.sample();
    this.#timer = setInterval(() => this.sample(), intervalMs);
    this.#timer.unref();
  }

  stop() {
    if (this.#timer) {
      clearInterval(this.#timer);
    }
    this.#timer = null;
  }

  sample() {
    const cpu = new Map();
    const rss = new Map();
    for (const [name, pidsOf] of this.#groups) {
      let ticks = 0;
      let rssKb = 0;
      for (const pid of pidsOf().filter(Boolean)) {
        const stat = readStat(pid);
        const memory = readMemoryKb(pid);
        if (!stat || !memory) {
          continue;
        }
        const last = this.#lastTicks.get(pid);
        // A process first seen now counts from its start if it started during the run, else from now.
        const base = last ?? (stat.startTicks >= this.#startedAtTicks ? 0 : stat.ticks);
        ticks += Math.max(0, stat.ticks - base);
        this.#lastTicks.set(pid, stat.ticks);
        rssKb += memory.rss;
        const key = `${name}:${pid}`;
        this.#hwm.set(key, { name, pid, hwmKb: Math.max(memory.hwm, this.#hwm.get(key)?.hwmKb ?? 0) });
      }
      cpu.set(name, ticks);
      rss.set(name, rssKb);
    }
    const machine = readMachine();
    const machineBusy = machine.total - machine.idle - (this.#machine.total - this.#machine.idle);
    const machineTotal = machine.total - this.#machine.total;
    this.#machine = machine;
    for (const window of this.#windows.values()) {
      for (const [name, ticks] of cpu) {
        window.ticks.set(name, (window.ticks.get(name) ?? 0) + ticks);
      }
      for (const [name, kb] of rss) {
        window.peakRssKb.set(name, Math.max(window.peakRssKb.get(name) ?? 0, kb));
      }
      window.machineBusy += machineBusy;
      window.machineTotal += machineTotal;
    }
  }

  begin(label) {
    this.sample();
    this.#windows.set(label, {
      startedAt: performance.now(),
      ticks: new Map(),
      peakRssKb: new Map(),
      machineBusy: 0,
      machineTotal: 0,
      loadAverage: os.loadavg()[0],
    });
  }

  /** CPU (% of one core, averaged over the window) and peak RSS (MB) per group, plus machine-wide load. */
  end(label) {
    this.sample();
    const window = this.#windows.get(label);
    if (!window) {
      return null;
    }
    this.#windows.delete(label);
    const seconds = (performance.now() - window.startedAt) / 1000;
    const processes = {};
    let ownCpuPercent = 0;
    for (const name of this.#groups.keys()) {
      const cpuSeconds = (window.ticks.get(name) ?? 0) / CLOCK_TICKS;
      const cpuPercent = seconds > 0 ? (cpuSeconds / seconds) * 100 : 0;
      ownCpuPercent += cpuPercent;
      processes[name] = {
        cpuPercent: Math.round(cpuPercent),
        cpuSeconds: Number(cpuSeconds.toFixed(2)),
        peakRssMb: Math.round((window.peakRssKb.get(name) ?? 0) / 1024),
      };
    }
    const cores = os.cpus().length;
    const machineBusyPercent =
      window.machineTotal > 0 ? (window.machineBusy / window.machineTotal) * 100 * cores : 0;
    return {
      seconds: Number(seconds.toFixed(1)),
      processes,
      machine: {
        cores,
        busyPercent: Math.round(machineBusyPercent),
        benchPercent: Math.round(ownCpuPercent),
        otherPercent: Math.max(0, Math.round(machineBusyPercent - ownCpuPercent)),
        loadAverageAtStart: Number(window.loadAverage.toFixed(2)),
        loadAverageAtEnd: Number(os.loadavg()[0].toFixed(2)),
      },
    };
  }

  /** Lifetime peak RSS (VmHWM) per group: the largest of its processes. */
  lifetimePeaks() {
    const peaks = {};
    for (const { name, hwmKb } of this.#hwm.values()) {
      peaks[name] = Math.max(peaks[name] ?? 0, Math.round(hwmKb / 1024));
    }
    return peaks;
  }
}
