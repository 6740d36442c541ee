width = 8
prec = 2
value = 3.14159
print(f"[{value:{width}.{prec}f}]")
print(f"[{f'{value:.1f}':>{width}}]")
rows = [("apple", 1.5), ("kiwi", 12.25)]
for name, price in rows:
    print(f"{name:<{width}}|{price:>{width}.{prec}f}|")
print(f"{'-' * (width * 2 + 2)}")
fmt = ".3f"
print(f"{value:{fmt}}")
print(f"{'yes' if value > 3 else 'no'}")
print(f"{{literal braces}} {value:.0f}")
print(f"{[f'{i:02d}' for i in range(3)]}")
