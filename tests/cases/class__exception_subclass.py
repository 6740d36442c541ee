class AppError(Exception):
    pass


class ValidationError(AppError):
    def __init__(self, field, problem):
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


class Quiet(AppError):
    def __str__(self):
        return "quiet!"


for exc in (AppError("plain"), ValidationError("age", "negative"), Quiet(1, 2), AppError()):
    try:
        raise exc
    except AppError as e:
        print(type(e).__name__, "|", e, "|", e.args, "|", repr(e))
try:
    raise ValidationError("name", "empty")
except ValidationError as e:
    print(e.field, e.problem, isinstance(e, Exception))
