"""close() through yield-from levels: the innermost is closed first; a sub that swallows
GeneratorExit and returns still makes the delegator see GeneratorExit; a sub that raises
another error on close hands that error to the delegator at the yield from."""
import inspect

def swallower():
    try:
        yield "s1"
    except GeneratorExit:
        print("swallower: GeneratorExit, returning 5")
        return 5
    finally:
        print("swallower: finally")

def middle(sub):
    try:
        r = yield from sub
        print("middle: yield from returned", r)
        yield "middle-after"
    except GeneratorExit:
        print("middle: GeneratorExit at yield from")
        raise
    except ValueError as e:
        print("middle: ValueError at yield from:", e)
        raise
    finally:
        print("middle: finally")

def outer(sub):
    try:
        yield from middle(sub)
    except GeneratorExit:
        print("outer: GeneratorExit")
        raise
    finally:
        print("outer: finally")

g = outer(swallower())
print("next ->", next(g))
print("close ->", g.close())
print("state", inspect.getgeneratorstate(g))

def raiser():
    try:
        yield "r1"
    except GeneratorExit:
        print("raiser: GeneratorExit -> ValueError")
        raise ValueError("from close")

g = outer(raiser())
print("next ->", next(g))
try:
    g.close()
except ValueError as e:
    print("close raised ValueError:", e)
print("state", inspect.getgeneratorstate(g))

# middle catches GeneratorExit and returns a value: close returns None for outer (3.11) -- skip value
def returner_middle():
    try:
        yield from swallower()
    except GeneratorExit:
        print("returner_middle: GeneratorExit, delegating again during close")
        r = yield from iter(())
        print("returner_middle: empty delegation returned", r)
        return "rm"

def top():
    r = yield from returner_middle()
    print("top: never here", r)

g = top()
next(g)
g.close()
print("state", inspect.getgeneratorstate(g))
