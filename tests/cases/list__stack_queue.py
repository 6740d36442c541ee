stack = []
for ch in "([{}])":
    if ch in "([{":
        stack.append(ch)
    else:
        top = stack.pop()
        print(top + ch, end=" ")
print("balanced" if not stack else "unbalanced")


def balanced(s):
    pairs = {")": "(", "]": "[", "}": "{"}
    st = []
    for ch in s:
        if ch in "([{":
            st.append(ch)
        elif ch in pairs:
            if not st or st.pop() != pairs[ch]:
                return False
    return not st


print([balanced(s) for s in ["()", "(]", "([]{})", "((", ""]])
queue = [1, 2, 3]
queue.append(4)
print(queue.pop(0), queue)
