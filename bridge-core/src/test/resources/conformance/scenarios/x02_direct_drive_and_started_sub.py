"""Delegating to a generator that is also driven directly: a send to the sub while the
delegator waits in yield from goes to the sub alone; when the sub ends that way, the
delegator's next resume finds it exhausted and yield from evaluates to None. Delegating to an
already started generator forwards sends, throws and close the same way."""
import inspect

def sub():
    x = yield "sub-1"
    print("sub got", x)
    y = yield "sub-2"
    print("sub got", y)
    return "sub-result"

def deleg(s):
    r = yield from s
    print("deleg: yield from returned", r)
    yield "deleg-after"

s = sub()
d = deleg(s)
print("d next ->", next(d))
print("states", inspect.getgeneratorstate(d), inspect.getgeneratorstate(s))
print("s send(a) ->", s.send("a"))
print("states", inspect.getgeneratorstate(d), inspect.getgeneratorstate(s))
try:
    s.send("b")
except StopIteration as e:
    print("s ended directly, value", e.value)
print("states", inspect.getgeneratorstate(d), inspect.getgeneratorstate(s))
print("d send(c) ->", d.send("c"))

# delegating to an already-started generator
s2 = sub()
print("s2 next ->", next(s2))
def deleg2():
    try:
        r = yield from s2
        print("deleg2: returned", r)
    except KeyError as e:
        print("deleg2: KeyError", e)
    yield "deleg2-end"
d2 = deleg2()
print("d2 next ->", next(d2))
print("d2 send(x) ->", d2.send("x"))

s3 = sub()
next(s3)
def deleg3():
    try:
        yield from s3
    except KeyError as e:
        print("deleg3: KeyError", e)
    yield "deleg3-end"
d3 = deleg3()
print("d3 next ->", next(d3))
print("d3 throw ->", d3.throw(KeyError("kk")))
print("s3 state", inspect.getgeneratorstate(s3))

def sub_fin():
    try:
        yield 1
        yield 2
    finally:
        print("sub_fin: finally")
s4 = sub_fin()
next(s4)
def deleg4():
    try:
        yield from s4
    finally:
        print("deleg4: finally")
d4 = deleg4()
print("d4 next ->", next(d4))
d4.close()
print("closed: d4", inspect.getgeneratorstate(d4), "s4", inspect.getgeneratorstate(s4))

# gi_yieldfrom
s5 = sub()
d5 = deleg(s5)
next(d5)
print("d5.gi_yieldfrom is s5:", d5.gi_yieldfrom is s5)
d5.close()
print("after close gi_yieldfrom:", d5.gi_yieldfrom)
