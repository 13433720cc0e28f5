// Angle wrapping for the ring attractor, deterministic on every platform (fmod is exact).
#pragma once

namespace attractor::ring_math {

// The angle (radians) wrapped into [-pi, pi).
double wrap_pi(double angle);

// The angle (degrees) wrapped into [0, 360).
double wrap_360(double degrees);

}  // namespace attractor::ring_math
