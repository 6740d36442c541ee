eg = ExceptionGroup("batch failed", [ValueError("bad 1"), TypeError("bad 2"), ValueError("bad 3")])
print(str(eg), repr(eg.exceptions[0]), len(eg.exceptions))
try:
    raise eg
except* ValueError as group:
    print("values:", [str(e) for e in group.exceptions])
except* TypeError as group:
    print("types:", [str(e) for e in group.exceptions])
try:
    try:
        raise ExceptionGroup("outer", [KeyError("k"), IndexError("i")])
    except* KeyError:
        print("handled KeyError")
except ExceptionGroup as rest:
    print("left over:", rest, [type(e).__name__ for e in rest.exceptions])
try:
    raise ValueError("plain")
except* ValueError as g:
    print("plain wrapped:", type(g).__name__, g.exceptions)
match_eg = eg.subgroup(lambda e: isinstance(e, ValueError))
print(match_eg, eg.split(TypeError)[0])
