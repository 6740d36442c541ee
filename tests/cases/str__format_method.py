print("{} and {}".format("a", "b"), "{1} {0} {1}".format("x", "y"))
print("{name} is {age}".format(name="Ann", age=7), "{0[1]} {1[k]}".format([1, 2], {"k": "v"}))
print("{:>8}|{:<8}|{:^8}|".format("r", "l", "c"), "{:*^11}".format(" hi "))
print("{:.3}".format("truncate"), "{:.2%}".format(0.1234), "{:+,d}".format(1234567))
print("{:08.3f}".format(-3.14159), "{:e}".format(0.00012), "{!r}".format("q"))
print("{{}} {}".format(1), "{0:{1}}".format(5, "03"))
point = {"x": 1, "y": 2}
print("({x}, {y})".format(**point), "{x}".format_map(point))
try:
    "{} {}".format(1)
except IndexError as e:
    print("IndexError:", e)
try:
    "{missing}".format(a=1)
except KeyError as e:
    print("KeyError:", e)
