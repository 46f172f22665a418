#!/usr/bin/env python3
"""Top frames of a JDK Flight Recorder recording's CPU samples (jdk.ExecutionSample), without a GUI.

    jfr print --events jdk.ExecutionSample --stack-depth 64 rec.jfr | bench/jfr-top.py [N]

Prints the N (20) hottest top frames (self time), then the hottest frames of the service's own code and of the
libraries under it counted anywhere on the stack (total time): where a request's CPU goes, by the code that asked.
"""
import collections
import re
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
frame = re.compile(r'^\s+([\w$.<>]+)\(.*line:')
samples = []
stack = None
for line in sys.stdin:
    if line.startswith('jdk.ExecutionSample'):
        stack = []
        samples.append(stack)
    elif stack is not None:
        m = frame.match(line)
        if m:
            stack.append(m.group(1))
total = len(samples) or 1
self_time = collections.Counter(s[0] for s in samples if s)
print(f'{len(samples)} samples; top frames (self):')
for name, count in self_time.most_common(n):
    print(f'  {100 * count / total:5.1f}%  {name}')


def inclusive(prefixes):
    counter = collections.Counter()
    for s in samples:
        for name in set(f for f in s if f.startswith(prefixes)):
            counter[name] += 1
    return counter


for title, prefixes in (('the service (io.leadhandoff), anywhere on the stack', ('io.leadhandoff.',)),
                        ('Hibernate, Jackson, Connector/J, Vert.x, Micrometer, anywhere on the stack',
                         ('org.hibernate.', 'com.fasterxml.', 'com.mysql.', 'io.vertx.', 'io.micrometer.', 'io.smallrye.'))):
    print(f'{title} (total):')
    for name, count in inclusive(prefixes).most_common(n):
        print(f'  {100 * count / total:5.1f}%  {name}')
