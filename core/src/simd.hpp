// Four float32 lanes or two float64 lanes, for the hot loops of gemm.cpp and kernels.cpp.
//
// Only lane-wise IEEE operations (load, store, broadcast, add, subtract, multiply), each
// rounded once: a lane computes exactly what the scalar code would. So the WebAssembly SIMD,
// SSE2 and plain C++ versions below give the same bits, and a kernel's result depends only on
// the order of operations it spells out per output element, never on which version ran.
// The only place in the core that includes <wasm_simd128.h>.
#pragma once

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace attractor::simd {

// Lanes of a 128-bit register: 4 for float, 2 for double.
template <typename Real>
constexpr int kLanes = static_cast<int>(16 / sizeof(Real));

// The instructions for one scalar type, per backend: the only part written per width; Vec and
// its operators below serve both.
template <typename Real>
struct Width;

#if defined(__wasm_simd128__)

// Loads and stores move 128 bits whatever the lanes hold.
struct V128 {
  using Register = v128_t;
  static Register load(const void* p) { return wasm_v128_load(p); }
  static void store(void* p, Register a) { wasm_v128_store(p, a); }
};
template <>
struct Width<float> : V128 {
  static Register splat(float x) { return wasm_f32x4_splat(x); }
  static Register add(Register a, Register b) { return wasm_f32x4_add(a, b); }
  static Register sub(Register a, Register b) { return wasm_f32x4_sub(a, b); }
  static Register mul(Register a, Register b) { return wasm_f32x4_mul(a, b); }
};
template <>
struct Width<double> : V128 {
  static Register splat(double x) { return wasm_f64x2_splat(x); }
  static Register add(Register a, Register b) { return wasm_f64x2_add(a, b); }
  static Register sub(Register a, Register b) { return wasm_f64x2_sub(a, b); }
  static Register mul(Register a, Register b) { return wasm_f64x2_mul(a, b); }
};

#elif defined(__SSE2__)

template <>
struct Width<float> {
  using Register = __m128;
  static Register load(const float* p) { return _mm_loadu_ps(p); }
  static void store(float* p, Register a) { _mm_storeu_ps(p, a); }
  static Register splat(float x) { return _mm_set1_ps(x); }
  static Register add(Register a, Register b) { return _mm_add_ps(a, b); }
  static Register sub(Register a, Register b) { return _mm_sub_ps(a, b); }
  static Register mul(Register a, Register b) { return _mm_mul_ps(a, b); }
};
template <>
struct Width<double> {
  using Register = __m128d;
  static Register load(const double* p) { return _mm_loadu_pd(p); }
  static void store(double* p, Register a) { _mm_storeu_pd(p, a); }
  static Register splat(double x) { return _mm_set1_pd(x); }
  static Register add(Register a, Register b) { return _mm_add_pd(a, b); }
  static Register sub(Register a, Register b) { return _mm_sub_pd(a, b); }
  static Register mul(Register a, Register b) { return _mm_mul_pd(a, b); }
};

#else

// Plain C++: one loop over the lanes per operation.
template <typename Real>
struct Width {
  struct Register {
    Real v[kLanes<Real>];
  };
  template <typename Op>
  static Register lanewise(Register a, Register b, Op op) {
    Register r{};
    for (int i = 0; i < kLanes<Real>; ++i) r.v[i] = op(a.v[i], b.v[i]);
    return r;
  }
  static Register load(const Real* p) {
    Register r{};
    for (int i = 0; i < kLanes<Real>; ++i) r.v[i] = p[i];
    return r;
  }
  static void store(Real* p, Register a) {
    for (int i = 0; i < kLanes<Real>; ++i) p[i] = a.v[i];
  }
  static Register splat(Real x) {
    Register r{};
    for (int i = 0; i < kLanes<Real>; ++i) r.v[i] = x;
    return r;
  }
  static Register add(Register a, Register b) {
    return lanewise(a, b, [](Real x, Real y) { return x + y; });
  }
  static Register sub(Register a, Register b) {
    return lanewise(a, b, [](Real x, Real y) { return x - y; });
  }
  static Register mul(Register a, Register b) {
    return lanewise(a, b, [](Real x, Real y) { return x * y; });
  }
};

#endif

// kLanes<Real> values of type Real (float or double) in one register.
template <typename Real>
struct Vec {
  typename Width<Real>::Register v;
};
template <typename Real>
inline Vec<Real> load(const Real* p) {
  return {Width<Real>::load(p)};
}
template <typename Real>
inline void store(Real* p, Vec<Real> a) {
  Width<Real>::store(p, a.v);
}
template <typename Real>
inline Vec<Real> splat(Real x) {
  return {Width<Real>::splat(x)};
}
template <typename Real>
inline Vec<Real> operator+(Vec<Real> a, Vec<Real> b) {
  return {Width<Real>::add(a.v, b.v)};
}
template <typename Real>
inline Vec<Real> operator-(Vec<Real> a, Vec<Real> b) {
  return {Width<Real>::sub(a.v, b.v)};
}
template <typename Real>
inline Vec<Real> operator*(Vec<Real> a, Vec<Real> b) {
  return {Width<Real>::mul(a.v, b.v)};
}

}  // namespace attractor::simd
