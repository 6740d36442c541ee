def override():
    try:
        raise ValueError("from try")
    finally:
        raise KeyError("from finally")


try:
    override()
except KeyError as e:
    print("got", repr(e))
except ValueError:
    print("never")
log = []
for i in range(3):
    try:
        try:
            if i == 1:
                continue
            log.append(f"body {i}")
        finally:
            log.append(f"finally {i}")
    except Exception:
        pass
print(log)
