"""PEP 479: a StopIteration escaping a generator's body becomes RuntimeError('generator raised
StopIteration') with the StopIteration as __cause__, also inside a yield-from sub, where the delegator
sees the RuntimeError. throw() into a never-started generator runs none of its body, closes it and
raises the exception; a later next() raises StopIteration. An exception raised by a sub after it
handled a throw propagates to the delegator."""
import inspect

def leaky():
    yield "l1"
    empty = iter(())
    next(empty)   # StopIteration escapes
    yield "never"

g = leaky()
print("next ->", next(g))
try:
    next(g)
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", type(e.__cause__).__name__)
print("state", inspect.getgeneratorstate(g))

def deleg():
    try:
        yield from leaky()
    except RuntimeError as e:
        print("deleg caught RuntimeError:", e)
    yield "deleg-end"

print("values:", list(deleg()))

def body():
    print("body ran (must not happen)")
    try:
        yield 1
    finally:
        print("finally ran (must not happen)")

g = body()
try:
    g.throw(ValueError("early"))
except ValueError as e:
    print("throw into unstarted raised:", e)
print("state", inspect.getgeneratorstate(g))
try:
    next(g)
except StopIteration:
    print("next after -> StopIteration")
try:
    g.throw(KeyError("late"))
except KeyError as e:
    print("throw into closed raised:", e)
