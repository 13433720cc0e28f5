// Angle helpers of the ring attractor that return the same bits on every platform.
//
// The bump's position is an arctangent, and glibc (native) and musl (WebAssembly) may differ in
// its last bit, so the ring carries fdlibm's atan2 like det:: carries log and tanh. It lives here
// (not in detmath) until another model needs it.
#pragma once

namespace attractor::ring_math {

// fdlibm 5.3 e_atan2.c / s_atan.c: the angle of (x, y) in [-pi, pi], accurate to about 1 ulp.
double atan2(double y, double x);

// The angle (radians) wrapped into [-pi, pi).
double wrap_pi(double angle);

// The angle (degrees) wrapped into [0, 360).
double wrap_360(double degrees);

}  // namespace attractor::ring_math
