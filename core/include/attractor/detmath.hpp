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

}  // namespace attractor::det
