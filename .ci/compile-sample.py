#!/usr/bin/env python3
"""Picks the compile sweep's sample from the corpus, reproducibly.

    compile-sample.py CORPUS N SEED [MAX_BYTES]

Prints N document paths (relative to CORPUS), one a line: the five documents a user is most
likely to bring (Stripe, GitHub REST, Kubernetes, EC2, Twilio; a provider's largest document
stands in for one the corpus sets aside), the ten largest under 6 MB,
and the rest drawn with SEED from five size bands of equal count, at most two documents
from one provider (the first path segment) so that no single vendor fills the sample.
With MAX_BYTES (CI's quick sample), all N are drawn that way from documents under that size.
"""
import os
import random
import sys

ALWAYS = [
    "stripe.com.json",
    "github.com/api.github.com.json",
    "kubernetes.io.json",
    "amazonaws.com/ec2.json",
    "twilio.com/api.json",
]
LIMIT = 6 * 1024 * 1024


def main():
    corpus, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    limit = int(sys.argv[4]) if len(sys.argv) > 4 else LIMIT
    quick = len(sys.argv) > 4
    docs = []
    for folder, _, files in os.walk(corpus):
        for f in files:
            if f.endswith((".json", ".yaml")):
                path = os.path.join(folder, f)
                docs.append((os.path.relpath(path, corpus), os.path.getsize(path)))
    docs.sort()
    picked = []
    for want in [] if quick else ALWAYS:
        if any(want == p for p, _ in docs):
            picked.append(want)
            continue
        # Set aside in this corpus (twilio.com/api.json is): the provider's largest instead.
        folder = want.rsplit("/", 1)[0] + "/"
        same = sorted((d for d in docs if d[0].startswith(folder)), key=lambda d: -d[1])
        if same:
            print(f"note: {want} is not in the corpus; {same[0][0]} stands in", file=sys.stderr)
            picked.append(same[0][0])
    under = sorted((d for d in docs if d[1] < limit), key=lambda d: -d[1])
    for path, _ in [] if quick else under[:10]:
        if path not in picked:
            picked.append(path)
    per_provider = {}
    for path in picked:
        key = path.split("/")[0]
        per_provider[key] = per_provider.get(key, 0) + 1
    rng = random.Random(seed)
    by_size = sorted(under, key=lambda d: d[1])
    bands = 5
    band_len = len(by_size) // bands + 1
    pools = [by_size[i * band_len:(i + 1) * band_len] for i in range(bands)]
    for pool in pools:
        rng.shuffle(pool)
    band = 0
    while len(picked) < n and any(pools):
        pool = pools[band % bands]
        band += 1
        while pool:
            path, _ = pool.pop()
            key = path.split("/")[0]
            if path in picked or per_provider.get(key, 0) >= 2:
                continue
            per_provider[key] = per_provider.get(key, 0) + 1
            picked.append(path)
            break
    for path in picked[:n]:
        print(path)


if __name__ == "__main__":
    main()
