/* flx-model-lsmo.c: registry table for electro-thermal switching in LSMO (seed 004).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "flx-models.h"

static const char *const modes[] = { "voltage", "current", NULL };

static const FlxParamSpec params[] = {
  { "mode", "Control", "", NULL, FLX_PARAM_CHOICE, 0, 0, 1, modes, false,
    "Sweep the voltage or the current." },
  { "t_substrate", "Substrate temperature", "K", NULL, FLX_PARAM_NUMBER, 100, 60, 330, NULL, false,
    "Temperature of the substrate (paper: 60-330 K)." },
  { "v_max", "Maximum voltage", "V", NULL, FLX_PARAM_NUMBER, 20, 0.1, 200, NULL, false,
    "Upper end of the voltage sweep." },
  { "i_max", "Maximum current", "A", "mA", FLX_PARAM_NUMBER, 5e-3, 1e-6, 1, NULL, true,
    "Upper end of the current sweep." },
  { "steps", "Sweep points", "", NULL, FLX_PARAM_NUMBER, 120, 2, 2000, NULL, false,
    "Number of bias points in each sweep direction." },
  { "lambda", "Lambda (eq 6.1)", "", NULL, FLX_PARAM_NUMBER, 1.2e-4, 0, 1e-2, NULL, false,
    "Coefficient lambda of the network R(T), eq 6.1 (digits lost in the extraction)." },
  { "nx", "Grid length", "", NULL, FLX_PARAM_NUMBER, 100, 4, 1000, NULL, false,
    "Network nodes along the channel (paper: 100)." },
  { "ny", "Grid width", "", NULL, FLX_PARAM_NUMBER, 50, 2, 1000, NULL, false,
    "Network nodes across the channel (paper: 50)." },
  { "t_c", "Transition temperature", "K", NULL, FLX_PARAM_NUMBER, 340, 100, 500, NULL, false,
    "Metal-insulator transition temperature (paper: 340 K)." },
  { "rho_m", "Metallic resistivity", "ohm*m", NULL, FLX_PARAM_NUMBER, 2e-6, 1e-9, 1e-2, NULL, true,
    "Resistivity of the metallic phase; 2e-6 Ohm m reproduces the paper's V_th = 15.4 V "
    "(the paper prints Ohm cm)." },
  { "alpha_ratio", "Resistivity contrast", "", NULL, FLX_PARAM_NUMBER, 20, 0.1, 1e4, NULL, true,
    "alpha = (rho_I - rho_M) / rho_M (paper: 20)." },
  { "length", "Device length", "m", "µm", FLX_PARAM_NUMBER, 100e-6, 1e-6, 10e-3, NULL, true,
    "Channel length L (paper: 100 µm)." },
  { "thickness", "Film thickness", "m", "nm", FLX_PARAM_NUMBER, 20e-9, 1e-9, 1e-6, NULL, true,
    "Film thickness t (paper: 20 nm)." },
  { "kappa_s", "Substrate conductance", "W/(K*m^2)", NULL, FLX_PARAM_NUMBER, 5e6, 1e3, 1e10, NULL, true,
    "Heat transfer coefficient to the substrate (paper: 5e6 W/(K m^2))." },
  { "kappa_f", "Film conductance", "W/(K*m^2)", NULL, FLX_PARAM_NUMBER, 3e8, 1e5, 1e12, NULL, true,
    "Lateral heat transfer coefficient of the film (paper: 3e8 W/(K m^2))." },
};

static const FlxScalarSpec scalars[] = {
  { "critical_width", "Critical barrier width", "m", "d_c, eq 5.7." },
  { "threshold_voltage", "Threshold voltage", "V", "V_th, eq 5.8." },
  { "critical_width_cubic", "Critical width (cubic)", "m", "From the full cubic, eq 5.3." },
  { "threshold_voltage_cubic", "Threshold voltage (cubic)", "V", "From the full cubic, eq 5.3." },
  { "ndr", "NDR present", "", "1 when the I-V shows negative differential resistance." },
  { "ndr_onset_voltage", "NDR onset voltage", "V", "Voltage of the current maximum." },
  { "max_current", "Maximum current", "A", "Largest current in the sweep." },
  { "barrier_width_final", "Final barrier width", "", "Fraction of the channel above T_c." },
};

static const FlxSeriesSpec series[] = {
  { "iv_up", "I-V, sweep up", "Voltage", "V", "Current", "A" },
  { "iv_down", "I-V, sweep down", "Voltage", "V", "Current", "A" },
  { "barrier_width_vs_voltage", "Barrier width vs voltage", "Voltage", "V", "Barrier width", "" },
  { "resistance_vs_temperature", "Network R(T)", "Temperature", "K", "Resistance", "ohm" },
};

static const FlxFieldSpec fields[] = {
  { "temperature_map", "Temperature", "K", "x", "y", false },
};

const FlxModel flx_model_lsmo = {
  "lsmo", "LSMO switching",
  "Joule heating drives an insulating barrier across an LSMO channel and bends the "
  "I-V curve into negative differential resistance.",
  "Electro-thermal metal-to-insulator switching in La0.7Sr0.3MnO3 (seed 004, SI5 and SI6)",
  params, FLX_N_ELEMENTS (params), scalars, FLX_N_ELEMENTS (scalars),
  series, FLX_N_ELEMENTS (series), fields, FLX_N_ELEMENTS (fields),
  NULL, /* solver lands with issue #5 */
};
