"""CPython anchors for P1 and P2: ns per generator send round trip, and ns per value through a
yield-from chain of depth 0 and 32. Prints `name value` lines."""
import sys
import timeit

def echo():
    v = None
    while True:
        v = yield v

def endless():
    i = 0
    while True:
        yield i
        i += 1

def chain(depth):
    def level(sub):
        return (yield from sub)
    g = endless()
    for _ in range(depth):
        g = level(g)
    return g

def per_op(stmt, setup_globals, number):
    best = min(timeit.repeat(stmt, globals=setup_globals, number=number, repeat=5))
    return best / number * 1e9

quick = "--quick" in sys.argv
n = 200_000 if quick else 1_000_000
g = echo(); next(g)
print("send", round(per_op("g.send(1)", {"g": g}, n), 1))
g0 = chain(0); next(g0)
print("depth0", round(per_op("next(g)", {"g": g0}, n), 1))
g32 = chain(32); next(g32)
print("depth32", round(per_op("next(g)", {"g": g32}, n // 4), 1))
