# imports: statistics
import statistics as st

data = [2, 4, 4, 4, 5, 5, 7, 9]
print(st.mean(data), st.median(data), st.mode(data), st.median_low([1, 3, 5, 7]))
print(st.pstdev(data), st.pvariance(data), round(st.stdev(data), 6), round(st.variance(data), 6))
print(st.median_high([1, 3, 5, 7]), st.multimode("aabbc"), st.fmean([1, 2, 3, 4]))
print(st.mean([1.5, 2.5]), st.harmonic_mean([40, 60]), st.geometric_mean([1, 4]))
print(st.quantiles(range(1, 101), n=4))
try:
    st.mean([])
except st.StatisticsError as e:
    print("StatisticsError:", e)
