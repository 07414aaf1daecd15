#!/usr/bin/env python3
"""make_raw.py > raw.jsonl: a synthetic bench run for tests/tools/bench_report.sh.

Plausible figures for a TCG guest (six paths, five repetitions, latency CDFs
drawn from log-normals with a heavier tail, loss past each path's zero-loss
rate), from a fixed seed.  The figures the test checks by hand are written
out literally below instead: tickpath's and udp's costs, af_xdp's zero-loss
rates (four repetitions: an even count), fan-out at 4 readers and the
subscriptions.
"""
import json
import random
import statistics

rng = random.Random(20240102)
PATHS = {
    # path: ndr msg/s, rx ns/msg, reader ns/msg, latency median µs, sigma
    "udp": (310e3, 1150, 1420, 48, 0.45),
    "udp-busy": (380e3, 1150, 2600, 31, 0.40),
    "af_packet": (450e3, 820, 960, 36, 0.42),
    "af_xdp": (640e3, 430, 610, 27, 0.40),
    "tickpath": (1.05e6, 360, 85, 21, 0.35),
    "tickpath-busy": (1.15e6, 360, 1900, 12, 0.30),
}
REPS = 5
MSGS = 1000000
# (rx ns/msg, reader ns/msg) per repetition, for the hand-computed medians.
COSTS = {
    "tickpath": [(362, 84), (355, 91), (371, 83), (349, 88), (360, 86)],
    "udp": [(1150, 1420), (1183, 1391), (1122, 1455), (1160, 1402), (1140, 1436)],
}
AF_XDP_NDR = [640000, 612000, 655000, 630000]
FANOUT_4 = {"tickpath": [980000, 1010000, 965000, 990000, 1002000],
            "udp": [121000, 118000, 125000, 119500, 122000]}
SUBS = {1: [358, 362, 351, 366, 360], 8: [371, 380, 377, 369, 385],
        64: [512, 498, 530, 505, 521], 256: [880, 912, 905, 871, 899]}


def emit(**obj):
    print(json.dumps(obj, separators=(",", ":")))


def noisy(x, spread=0.04):
    return x * (1 + rng.uniform(-spread, spread))


def latency(median_us, sigma, load):
    """Percentiles and a CDF of one trial: queueing stretches the tail with
    the load."""
    dist = statistics.NormalDist(0, sigma * (1 + load))
    scale = noisy(median_us * 1e3 * (1 + 0.6 * load ** 2), 0.06)
    fractions = [0.001, 0.01, 0.05] + [i / 10 for i in range(1, 10)] + \
        [0.95, 0.99, 0.995, 0.999, 0.9999]

    def at(f):
        return round(scale * 2.718281828 ** dist.inv_cdf(f))

    cdf = [[at(f), f] for f in fractions]
    top = round(at(0.9999) * noisy(2.5, 0.3))
    cdf.append([top, 1.0])
    lat = {"p50": at(0.5), "p90": at(0.9), "p99": at(0.99), "p999": at(0.999),
           "max": top}
    return lat, cdf


emit(exp="env", kernel="6.1.0-56-amd64", cpus=4, date="2025-11-28T21:04:11Z",
     msgs_per_trial=MSGS, reps=REPS)
emit(exp="idle", rx_busy_ns_per_s=4100000)
for rep in range(REPS):
    for path, (ndr, *_rest) in PATHS.items():
        if path == "af_xdp":
            if rep < len(AF_XDP_NDR):
                emit(exp="ndr", path=path, rep=rep, ndr_msgs_per_s=AF_XDP_NDR[rep])
            continue
        emit(exp="ndr", path=path, rep=rep, ndr_msgs_per_s=round(noisy(ndr, 0.06), -3))
slowest = 310000
for rep in range(REPS):
    for load in (0.1, 0.5, 0.9):
        rate = int(slowest * load)
        for path, (ndr, rx, reader, med_us, sigma) in PATHS.items():
            lat, cdf = latency(med_us, sigma, load)
            emit(exp="latency", path=path, load=load, rate_msgs_per_s=rate, rep=rep,
                 received=MSGS, lat_ns=lat, cdf=cdf)
            if load == 0.5:
                if path in COSTS:
                    rx_ns, reader_ns = COSTS[path][rep]
                else:
                    rx_ns, reader_ns = round(noisy(rx)), round(noisy(reader))
                emit(exp="cost", path=path, rep=rep, msgs=MSGS,
                     rx_cpu_ns=rx_ns * MSGS, reader_cpu_ns=reader_ns * MSGS)
    for path, (ndr, *_rest) in PATHS.items():
        for offered in (200e3, 400e3, 600e3, 800e3, 1.0e6, 1.2e6, 1.6e6):
            capacity = noisy(ndr * 1.08, 0.03)
            received = MSGS if offered <= capacity else round(MSGS * capacity / offered)
            emit(exp="loss", path=path, rep=rep, offered_msgs_per_s=int(offered),
                 sent=MSGS, received=received)
for rep in range(REPS):
    for readers, (tp, udp) in ((1, (1.04e6, 300e3)), (4, (0, 0)), (16, (0.86e6, 34e3))):
        for path in ("tickpath", "udp"):
            if readers == 4:
                value = FANOUT_4[path][rep]
            else:
                value = round(noisy(tp if path == "tickpath" else udp, 0.05), -3)
            emit(exp="fanout", path=path, readers=readers, rep=rep, ndr_msgs_per_s=value)
for rep in range(REPS):
    for subs, values in SUBS.items():
        emit(exp="subs", subs=subs, rep=rep, rx_ns_per_msg=values[rep])
emit(exp="qemu", qemu="7.2.19", host_cores=2)
emit(exp="decoder", instructions_per_msg=220.1, instructions_per_orderflow_msg=220.2,
     ns_per_msg=35.27, ns_per_orderflow_msg=35.17, ns_spread=[35.03, 36.54],
     orderflow_ns_spread=[34.84, 39.85], messages=1000000, orderflow_messages=988258,
     reps=15, compiler="gcc 12.2.0", cflags="-O2 -g", cpu="Intel(R) Xeon(R) Processor")
