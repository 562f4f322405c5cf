"""CPython anchors for P1 and P2 (stdlib only). Prints one `name value` line each, values in ns:
  send     one g.send(x) round trip into `while True: v = yield v`   (P1's anchor)
  depth0   one next() of a plain endless generator                    (P2's depth 0)
  depth32  one value through 32 levels of `return (yield from sub)`   (P2's depth 32)
  sum_gen  sum(gen()) over 1..100,000, per item                      (P1i's anchor)
  for_gen  for x in gen(): s += x over 1..100,000, per item          (P1i's anchor)
Usage: p1_generators.py [--quick]"""
import sys
import timeit

def echo():
    v = None
    while True:
        v = yield v

VALUE = object()

def endless():
    # The same constant every time, as YieldFromDepth does: the figure is the switch, not the payload.
    while True:
        yield VALUE

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

# P1i's anchors: a generator of 1..N consumed by the interpreter's own loop, per item.
def up_to(n):
    for i in range(1, n + 1):
        yield i

def for_loop(n):
    s = 0
    for x in up_to(n):
        s += x
    return s

N_ITEMS = 100_000
print("sum_gen", round(per_op("sum(up_to(N))", {"up_to": up_to, "N": N_ITEMS}, 20 if quick else 50) / N_ITEMS, 2))
print("for_gen", round(per_op("for_loop(N)", {"for_loop": for_loop, "N": N_ITEMS}, 20 if quick else 50) / N_ITEMS, 2))
