// Elementary functions that return the same bits on every platform.
//
// glibc (native) and musl (WebAssembly) implement log, exp, tanh, ... differently, and their
// results can differ in the last bit, which is enough to make two runs of a chaotic network
// part ways. These versions use only IEEE 754 arithmetic and bit manipulation (the algorithms of
// Sun's fdlibm), so the same input gives the same output everywhere, accurate to about 1 ulp.
#pragma once

namespace attractor::det {

double log(double x);
double exp(double x);
// exp(x) - 1, accurate for small x.
double expm1(double x);
double tanh(double x);
// Arguments up to 2^19 pi / 2 (about 8e5) are reduced exactly; larger ones are first reduced
// modulo 2 pi with fmod, which stays deterministic but loses accuracy.
double sin(double x);
double cos(double x);
// The angle of (x, y) in [-pi, pi], with the C library's signed-zero and infinity cases.
double atan2(double y, double x);

// tanh in float32 from float multiplications, additions, one division and comparisons only (a
// [13/6] rational approximation on [-7.905, 7.905], clamped outside; the coefficients of
// Eigen's ptanh_float), so every IEEE platform gives the same bits as long as the compiler does
// not contract a * b + c (the build sets -ffp-contract=off). At most a few float ulp from the
// exact tanh. Inline and branch-free on the main path so that loops over it vectorize.
inline float tanh_float(float x) {
  constexpr float clamp = 7.90531110763549805f;
  constexpr float tiny = 0.0004f;
  const float ax = x < 0.0f ? -x : x;
  const float c = x > clamp ? clamp : (x < -clamp ? -clamp : x);
  const float x2 = c * c;
  float p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
  p = x2 * p + -8.60467152213735e-11f;
  p = x2 * p + 5.12229709037114e-08f;
  p = x2 * p + 1.48572235717979e-05f;
  p = x2 * p + 6.37261928875436e-04f;
  p = x2 * p + 4.89352455891786e-03f;
  p = c * p;
  float q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
  q = x2 * q + 2.26843463243900e-03f;
  q = x2 * q + 4.89352518554385e-03f;
  const float r = p / q;
  return ax < tiny ? x : r;
}

}  // namespace attractor::det
