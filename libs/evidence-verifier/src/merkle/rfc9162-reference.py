#!/usr/bin/env python3
"""An independent RFC 9162 section 2.1 reference (Python standard library only).

Written from the RFC's recursive definitions of MTH, PATH and PROOF, not from the
TypeScript code it checks; the multi-leaf proof from its definition in docs/auditing.md
("Evidence bundles", format v2). Reads a JSON request on stdin, answers JSON on stdout:
  {"trees": [{"size": n, "inclusion": [m, ...], "consistency": [m, ...],
              "multi": [[i, j, ...], ...]}, ...]}
("multi" optional: sets of leaf indices, ascending). Leaf i is the 8-byte big-endian
encoding of i. Hashes are lowercase hex.
"""
import bisect
import hashlib
import json
import sys


def leaf_hash(data):
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def largest_power_below(n):
    k = 1
    while k * 2 < n:
        k *= 2
    return k


class Tree:
    def __init__(self, size):
        self.size = size
        # levels[l][i]: the root of the complete subtree of leaves [i*2^l, (i+1)*2^l)
        level = [leaf_hash(i.to_bytes(8, "big")) for i in range(size)]
        self.levels = [level]
        while len(level) > 1:
            level = [node_hash(level[j], level[j + 1]) for j in range(0, len(level) - 1, 2)]
            self.levels.append(level)

    def mth(self, start, end):
        n = end - start
        if n == 0:
            return hashlib.sha256(b"").digest()
        if n & (n - 1) == 0 and start % n == 0:
            return self.levels[n.bit_length() - 1][start // n]
        k = largest_power_below(n)
        return node_hash(self.mth(start, start + k), self.mth(start + k, end))

    def path(self, m, start, end):
        n = end - start
        if n == 1:
            return []
        k = largest_power_below(n)
        if m < k:
            return self.path(m, start, start + k) + [self.mth(start + k, end)]
        return self.path(m - k, start + k, end) + [self.mth(start, start + k)]

    def subproof(self, m, start, end, complete):
        n = end - start
        if m == n:
            return [] if complete else [self.mth(start, end)]
        k = largest_power_below(n)
        if m <= k:
            return self.subproof(m, start, start + k, complete) + [self.mth(start + k, end)]
        return self.subproof(m - k, start + k, end, False) + [self.mth(start, start + k)]

    def multi(self, leaves, start, end):
        """The multi-leaf proof of the sorted `leaves` within D[start:end]: MTH of every
        range the recursion meets that holds none of them, left to right."""
        first = bisect.bisect_left(leaves, start)
        if first == len(leaves) or leaves[first] >= end:
            return [self.mth(start, end)]
        n = end - start
        if n == 1:
            return []
        k = largest_power_below(n)
        return self.multi(leaves, start, start + k) + self.multi(leaves, start + k, end)


def main():
    request = json.load(sys.stdin)
    answers = []
    # One tree of the largest size: a smaller tree's complete subtrees are among its own.
    tree = Tree(max(query["size"] for query in request["trees"]))
    for query in request["trees"]:
        n = query["size"]
        answers.append({
            "size": n,
            "root": tree.mth(0, n).hex(),
            "inclusion": {str(m): [h.hex() for h in tree.path(m, 0, n)] for m in query["inclusion"]},
            "consistency": {
                str(m): [h.hex() for h in tree.subproof(m, 0, n, True)] for m in query["consistency"]
            },
            "multi": [[h.hex() for h in tree.multi(leaves, 0, n)] for leaves in query.get("multi", [])],
        })
    json.dump({"trees": answers}, sys.stdout)


main()
