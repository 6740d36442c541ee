class ConfigError(Exception):
    pass


def load(text):
    try:
        return int(text)
    except ValueError as e:
        raise ConfigError(f"bad number {text!r}") from e


try:
    load("x1")
except ConfigError as e:
    print(type(e).__name__, e)
try:
    try:
        {}["k"]
    except KeyError:
        raise RuntimeError("lookup failed") from None
except RuntimeError as e:
    print("RuntimeError", e)
load("oops")
