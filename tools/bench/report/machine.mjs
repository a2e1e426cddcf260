// What the figures were measured on: hardware, OS, versions, the code's commit.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../lib/services.mjs';

function packageVersion(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

function git(args) {
  try {
    return execFileSync('git', args, {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

function cpuInfo() {
  try {
    const text = fs.readFileSync('/proc/cpuinfo', 'utf8');
    const model = /^model name\s*:\s*(.+)$/m.exec(text)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
    const mhz = /^cpu MHz\s*:\s*(.+)$/m.exec(text)?.[1];
    const flags = /^flags\s*:\s*(.+)$/m.exec(text)?.[1] ?? '';
    return {
      model,
      mhz: mhz ? Math.round(Number(mhz)) : null,
      hypervisor: flags.split(' ').includes('hypervisor'),
    };
  } catch {
    return { model: os.cpus()[0]?.model ?? 'unknown', mhz: null, hypervisor: null };
  }
}

function distribution() {
  try {
    return /^PRETTY_NAME="?([^"\n]+)"?/m.exec(fs.readFileSync('/etc/os-release', 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
}

export async function describeMachine({ db, infra }) {
  const { rows } = await db.query('SHOW server_version');
  const changed = git(['status', '--porcelain', '--', 'apps', 'libs']);
  return {
    cpu: { ...cpuInfo(), cores: os.cpus().length },
    memoryGb: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    os: `${distribution() ?? os.type()} (kernel ${os.release()}, ${os.arch()})`,
    versions: {
      node: process.version,
      kafka: infra.kafkaVersion,
      postgres: rows[0].server_version,
      kafkajs: packageVersion('kafkajs'),
      undici: packageVersion('undici'),
      nestjs: packageVersion('@nestjs/core'),
      pg: packageVersion('pg'),
    },
    kafkaMode: infra.mode,
    git: {
      commit: git(['rev-parse', '--short', 'HEAD']),
      uncommittedChangesInAppsAndLibs: changed === null ? null : changed.split('\n').filter(Boolean).length,
    },
  };
}
