#pragma once

// The generator's only source of randomness. Every stream is seeded explicitly; nothing reads
// the clock or std::random_device, so a seed always gives the same corpus (on one toolchain: the
// standard distributions are implementation-defined).

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <opencv2/core.hpp>
#include <random>
#include <span>
#include <vector>

namespace certintake::synth {

/// SplitMix64: decorrelates related seeds (seed, seed + 1, ...) before they reach the engine.
constexpr std::uint64_t MixSeed(std::uint64_t value) {
  value += 0x9E3779B97F4A7C15ULL;
  value = (value ^ (value >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  value = (value ^ (value >> 27U)) * 0x94D049BB133111EBULL;
  return value ^ (value >> 31U);
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(MixSeed(seed)) {}

  /// An independent stream for one task (a page, a piece), so that drawing more numbers in one
  /// task does not shift every later one.
  static Rng For(std::uint64_t seed, std::uint64_t stream) { return Rng(MixSeed(seed) ^ MixSeed(~stream)); }

  std::uint64_t Next() { return engine_(); }
  double Uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(engine_); }
  /// lo..hi inclusive.
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(engine_); }
  bool Chance(double probability) { return Uniform(0.0, 1.0) < probability; }
  double Normal(double mean, double sd) { return std::normal_distribution<double>(mean, sd)(engine_); }
  double Sign() { return Chance(0.5) ? 1.0 : -1.0; }

  std::size_t Index(std::size_t size) {
    return static_cast<std::size_t>(std::uniform_int_distribution<std::size_t>(0, size - 1)(engine_));
  }
  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[Index(items.size())];
  }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Index(items.size())];
  }
  template <typename T>
  T Pick(std::initializer_list<T> items) {
    return *(items.begin() + static_cast<std::ptrdiff_t>(Index(items.size())));
  }
  /// An index drawn with the given relative weights.
  std::size_t Weighted(std::initializer_list<double> weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double r = Uniform(0.0, total);
    std::size_t i = 0;
    for (double w : weights) {
      if (r < w) {
        return i;
      }
      r -= w;
      ++i;
    }
    return weights.size() - 1;
  }
  template <typename T>
  void Shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) {
      std::swap(items[i - 1], items[Index(i)]);
    }
  }

 private:
  std::mt19937_64 engine_;
};

/// Fills `m` with uniform noise in [lo, hi) drawn from `rng`. Never use cv::randu/randn: they
/// draw from OpenCV's process-wide generator, whose state would leak from one corpus to the next.
inline void FillUniform(cv::Mat& m, double lo, double hi, Rng& rng) {
  cv::RNG generator(rng.Next());
  generator.fill(m, cv::RNG::UNIFORM, cv::Scalar::all(lo), cv::Scalar::all(hi));
}

/// Fills `m` with Gaussian noise drawn from `rng`.
inline void FillNormal(cv::Mat& m, double mean, double sd, Rng& rng) {
  cv::RNG generator(rng.Next());
  generator.fill(m, cv::RNG::NORMAL, cv::Scalar::all(mean), cv::Scalar::all(sd));
}

}  // namespace certintake::synth
