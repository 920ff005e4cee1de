#!/usr/bin/env python3
"""Context switches by process and thread during one phase of a running bench.sh, read from /proc.

Started next to (or just after) bench.sh, it waits for the phase's start in target/bench/progress.log, reads every
thread's voluntary + involuntary context switches (/proc/<pid>/task/<tid>/status) of the services, the load
generator (the test JVM), the Kafka and PostgreSQL JVMs and PostgreSQL's processes, reads them again at the phase's
end, and writes the switches per second by process and thread name (digits as '#') as JSON. Threads that start or
end inside the phase count only what they did while both readings saw them.

usage: context-switches.py [PHASE] [OUT]   (defaults: "fixed rate 100/s", target/bench/context-switches.json)
"""
import collections
import json
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
LOG = os.path.join(HERE, 'target/bench/progress.log')
SERVICES = ('negotiation-service', 'investment-service', 'projection-service')


def component(pid):
    try:
        cmd = open(f'/proc/{pid}/cmdline', 'rb').read().replace(b'\0', b' ').decode(errors='replace')
    except OSError:
        return None
    for s in SERVICES:
        if s in cmd and 'quarkus-run' in cmd:
            return s
    if cmd.startswith('postgres:'):
        w = cmd[10:].split()
        return 'pg ' + (w[1] if len(w) >= 3 and '(' in w[2] else ' '.join(w[:2]))
    if 'surefire' in cmd:
        return 'load generator'
    if cmd.split(' ')[0].endswith('/java') or cmd.startswith('java '):
        return 'java ' + cmd.split()[-1].split('.')[-1]
    return None


def reading():
    counts = {}
    for pid in filter(str.isdigit, os.listdir('/proc')):
        name = component(pid)
        if name is None:
            continue
        try:
            tids = os.listdir(f'/proc/{pid}/task')
        except OSError:
            continue
        for tid in tids:
            try:
                comm = open(f'/proc/{pid}/task/{tid}/comm').read().strip()
                status = open(f'/proc/{pid}/task/{tid}/status').read()
            except OSError:
                continue
            switches = sum(int(n) for n in re.findall(r'^(?:non)?voluntary_ctxt_switches:\s+(\d+)', status, re.M))
            counts[(name, re.sub(r'\d+', '#', comm), tid)] = switches
    return counts


def wait_for(pattern):
    while True:
        try:
            with open(LOG) as f:
                if re.search(pattern, f.read()):
                    return
        except FileNotFoundError:
            pass
        time.sleep(0.2)


def main():
    phase = sys.argv[1] if len(sys.argv) > 1 else 'fixed rate 100/s'
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, 'target/bench/context-switches.json')
    p = re.escape(phase)
    wait_for(rf'phase {p}: start')
    t0, before = time.time(), reading()
    wait_for(rf'phase {p}: \d')  # its first figures: the phase's load has ended
    t1, after = time.time(), reading()
    seconds = t1 - t0
    by_thread = collections.Counter()
    for key, n in after.items():
        if key in before:
            by_thread[key[:2]] += n - before[key]
    by_component = collections.Counter()
    for (name, _), n in by_thread.items():
        by_component[name] += n
    result = {
        'phase': phase,
        'seconds': round(seconds, 1),
        'per_second': round(sum(by_thread.values()) / seconds),
        'by_component_per_second': {k: round(v / seconds, 1) for k, v in by_component.most_common()},
        'by_thread_per_second': [[k[0], k[1], round(v / seconds, 1)] for k, v in by_thread.most_common(40)],
    }
    with open(out, 'w') as f:
        json.dump(result, f, indent=1)
    print(json.dumps(result['by_component_per_second']))


if __name__ == '__main__':
    main()
