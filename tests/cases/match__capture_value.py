class Codes:
    OK = 200
    NOT_FOUND = 404


def status(code):
    match code:
        case Codes.OK:
            return "ok"
        case Codes.NOT_FOUND:
            return "missing"
        case other:
            return f"unexpected {other}"


print(status(200), status(404), status(500))
OK = 999
match 200:
    case Codes.OK:
        print("dotted name compares by value")
match 5:
    case n if n > 3:
        print("captured", n)
print(n)
