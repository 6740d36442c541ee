class OnlyEnter:
    def __enter__(self):
        return self


class Nothing:
    pass


for cls in (OnlyEnter, Nothing):
    try:
        with cls():
            print("body ran")
    except TypeError as e:
        print("TypeError:", e)
