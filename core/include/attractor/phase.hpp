// Angles computed the same way on every platform.
//
// Phases, rotation numbers and heading errors need atan2, whose last bit differs between glibc
// and musl; these use det::atan2 (fdlibm), so native and WebAssembly builds agree bit for bit.
#pragma once

namespace attractor::phase {

constexpr double kPi = 3.14159265358979323846;
constexpr double kTwoPi = 2 * kPi;

// The angle of (x, y) in (-pi, pi]; 0 for the origin.
double angle(double y, double x);

// `a` moved into (-pi, pi] by whole turns.
double wrap(double a);

// The signed angle from (x0, y0) to (x1, y1) in (-pi, pi]: one step's phase advance.
inline double advance(double x0, double y0, double x1, double y1) {
  return angle(x0 * y1 - y0 * x1, x0 * x1 + y0 * y1);
}

}  // namespace attractor::phase
