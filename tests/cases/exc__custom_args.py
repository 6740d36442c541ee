class HttpError(Exception):
    def __init__(self, status, reason="unknown"):
        super().__init__(status, reason)
        self.status = status
        self.reason = reason


e = HttpError(404, "not found")
print(e.args, str(e), repr(e), e.status)
print(str(HttpError(500)), HttpError(500).args)
print(str(Exception()), str(Exception("one")), str(Exception("a", 2)), repr(Exception("x")))
print(repr(ValueError()), repr(KeyError("k")), str(KeyError("k")), str(KeyError()))
try:
    raise HttpError(403)
except HttpError as err:
    print("status", err.status, err.reason)
try:
    raise ValueError
except ValueError as err:
    print(repr(err), err.args)
raise HttpError(418, "teapot")
