def validate(age):
    assert age >= 0, f"age must be >= 0, got {age}"
    return age


print(validate(3))
validate(-1)
