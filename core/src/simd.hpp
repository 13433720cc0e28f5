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

#if defined(__wasm_simd128__)

struct F32x4 {
  v128_t v;
};
inline F32x4 load(const float* p) {
  return {wasm_v128_load(p)};
}
inline void store(float* p, F32x4 a) {
  wasm_v128_store(p, a.v);
}
inline F32x4 splat(float x) {
  return {wasm_f32x4_splat(x)};
}
inline F32x4 operator+(F32x4 a, F32x4 b) {
  return {wasm_f32x4_add(a.v, b.v)};
}
inline F32x4 operator-(F32x4 a, F32x4 b) {
  return {wasm_f32x4_sub(a.v, b.v)};
}
inline F32x4 operator*(F32x4 a, F32x4 b) {
  return {wasm_f32x4_mul(a.v, b.v)};
}

struct F64x2 {
  v128_t v;
};
inline F64x2 load(const double* p) {
  return {wasm_v128_load(p)};
}
inline void store(double* p, F64x2 a) {
  wasm_v128_store(p, a.v);
}
inline F64x2 splat(double x) {
  return {wasm_f64x2_splat(x)};
}
inline F64x2 operator+(F64x2 a, F64x2 b) {
  return {wasm_f64x2_add(a.v, b.v)};
}
inline F64x2 operator-(F64x2 a, F64x2 b) {
  return {wasm_f64x2_sub(a.v, b.v)};
}
inline F64x2 operator*(F64x2 a, F64x2 b) {
  return {wasm_f64x2_mul(a.v, b.v)};
}

#elif defined(__SSE2__)

struct F32x4 {
  __m128 v;
};
inline F32x4 load(const float* p) {
  return {_mm_loadu_ps(p)};
}
inline void store(float* p, F32x4 a) {
  _mm_storeu_ps(p, a.v);
}
inline F32x4 splat(float x) {
  return {_mm_set1_ps(x)};
}
inline F32x4 operator+(F32x4 a, F32x4 b) {
  return {_mm_add_ps(a.v, b.v)};
}
inline F32x4 operator-(F32x4 a, F32x4 b) {
  return {_mm_sub_ps(a.v, b.v)};
}
inline F32x4 operator*(F32x4 a, F32x4 b) {
  return {_mm_mul_ps(a.v, b.v)};
}

struct F64x2 {
  __m128d v;
};
inline F64x2 load(const double* p) {
  return {_mm_loadu_pd(p)};
}
inline void store(double* p, F64x2 a) {
  _mm_storeu_pd(p, a.v);
}
inline F64x2 splat(double x) {
  return {_mm_set1_pd(x)};
}
inline F64x2 operator+(F64x2 a, F64x2 b) {
  return {_mm_add_pd(a.v, b.v)};
}
inline F64x2 operator-(F64x2 a, F64x2 b) {
  return {_mm_sub_pd(a.v, b.v)};
}
inline F64x2 operator*(F64x2 a, F64x2 b) {
  return {_mm_mul_pd(a.v, b.v)};
}

#else

template <typename Real, int Lanes>
struct Lanes_ {
  Real v[Lanes];
};
using F32x4 = Lanes_<float, 4>;
using F64x2 = Lanes_<double, 2>;
template <typename Real, int Lanes, typename Op>
inline Lanes_<Real, Lanes> lanewise(Lanes_<Real, Lanes> a, Lanes_<Real, Lanes> b, Op op) {
  Lanes_<Real, Lanes> r;
  for (int i = 0; i < Lanes; ++i) r.v[i] = op(a.v[i], b.v[i]);
  return r;
}
inline F32x4 load(const float* p) {
  return {{p[0], p[1], p[2], p[3]}};
}
inline void store(float* p, F32x4 a) {
  for (int i = 0; i < 4; ++i) p[i] = a.v[i];
}
inline F32x4 splat(float x) {
  return {{x, x, x, x}};
}
inline F64x2 load(const double* p) {
  return {{p[0], p[1]}};
}
inline void store(double* p, F64x2 a) {
  p[0] = a.v[0];
  p[1] = a.v[1];
}
inline F64x2 splat(double x) {
  return {{x, x}};
}
template <typename Real, int Lanes>
inline Lanes_<Real, Lanes> operator+(Lanes_<Real, Lanes> a, Lanes_<Real, Lanes> b) {
  return lanewise(a, b, [](Real x, Real y) { return x + y; });
}
template <typename Real, int Lanes>
inline Lanes_<Real, Lanes> operator-(Lanes_<Real, Lanes> a, Lanes_<Real, Lanes> b) {
  return lanewise(a, b, [](Real x, Real y) { return x - y; });
}
template <typename Real, int Lanes>
inline Lanes_<Real, Lanes> operator*(Lanes_<Real, Lanes> a, Lanes_<Real, Lanes> b) {
  return lanewise(a, b, [](Real x, Real y) { return x * y; });
}

#endif

// The vector type and width for each precision.
template <typename Real>
struct Vec;
template <>
struct Vec<float> {
  using type = F32x4;
  static constexpr int lanes = 4;
};
template <>
struct Vec<double> {
  using type = F64x2;
  static constexpr int lanes = 2;
};

}  // namespace attractor::simd
