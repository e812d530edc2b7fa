/* test-job-runner.c: latest-wins coalescing, cancellation, delivery on the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <string.h>

#include "flx-job-runner.h"

/* A model whose answer is its input, slow enough (~0.5 ms, polling the cancel callback) that
 * rapid submissions overlap with running jobs. */
static const FlxParamSpec echo_params[] = {
  { "x", "x", "", NULL, FLX_PARAM_NUMBER, 0, -1e9, 1e9, NULL, false, "input" },
};
static const FlxScalarSpec echo_scalars[] = {
  { "y", "y", "", "output" },
};

static GThread *main_thread;
static gint runs_started;

static FlxStatus
echo_run (const double *values, FlxQuality quality, FlxResult *out, FlxProgressFunc progress,
          void *user_data, char *errmsg, size_t errmsg_len)
{
  g_assert_true (g_thread_self () != main_thread); /* solvers run on the worker */
  g_atomic_int_inc (&runs_started);
  for (int i = 0; i < 10; i++)
    {
      if (flx_report (progress, user_data, i / 10.0))
        return FLX_E_CANCELLED;
      g_usleep (50);
    }
  if (values[0] < 0)
    return flx_set_error (errmsg, errmsg_len, FLX_E_DIVERGED, "negative input %g", values[0]);
  flx_result_set_scalar (out, "y", values[0]);
  return FLX_OK;
}

static const FlxModel echo_model = {
  "echo", "Echo", "", "", echo_params, 1, echo_scalars, 1, NULL, 0, NULL, 0, echo_run,
};

typedef struct {
  int      delivered;
  double   last_y;
  guint64  last_generation;
  FlxStatus last_status;
  char    *last_message;
} Seen;

static void
finished_cb (FlxJobRunner *runner, FlxJobOutcome *o, Seen *seen)
{
  double y = NAN;

  g_assert_true (g_thread_self () == main_thread); /* results only on the main thread */
  /* Generations only move forward, and only the latest request is delivered. */
  g_assert_cmpuint (o->generation, >, seen->last_generation);
  g_assert_cmpuint (o->generation, ==, flx_job_runner_get_generation (runner));
  seen->last_generation = o->generation;
  seen->last_status = o->status;
  g_free (seen->last_message);
  seen->last_message = g_strdup (o->message);
  if (o->status == FLX_OK)
    {
      g_assert_true (flx_result_get_scalar (o->result, "y", &y));
      /* The result belongs to the parameters it was run with. */
      g_assert_cmpfloat (y, ==, o->values[0]);
    }
  seen->last_y = y;
  seen->delivered++;
}

static void
wait_idle (FlxJobRunner *runner)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (flx_job_runner_get_busy (runner) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (flx_job_runner_get_busy (runner));
  /* Drain anything still queued (progress notifications, dropped deliveries). */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_latest_wins (void)
{
  FlxJobRunner *runner = flx_job_runner_new (&echo_model);
  Seen seen = { 0 };
  GRand *rand = g_rand_new_with_seed (42);
  double x = 0;

  g_signal_connect (runner, "finished", G_CALLBACK (finished_cb), &seen);
  runs_started = 0;
  for (int i = 0; i < 1000; i++)
    {
      x = g_rand_double_range (rand, 0, 1e6);
      flx_job_runner_submit (runner, &x, i % 2 ? FLX_QUALITY_FULL : FLX_QUALITY_FAST);
      /* Let the main loop run now and then, as a real drag does between events. */
      if (g_rand_int_range (rand, 0, 4) == 0)
        while (g_main_context_iteration (NULL, FALSE))
          ;
      if (g_rand_int_range (rand, 0, 50) == 0)
        g_usleep (300);
    }
  wait_idle (runner);

  g_assert_cmpint (seen.delivered, >=, 1);
  g_assert_cmpint (seen.delivered, <=, 1000);
  g_assert_cmpfloat (seen.last_y, ==, x); /* the last result shown is the last request */
  g_assert_cmpuint (seen.last_generation, ==, flx_job_runner_get_generation (runner));
  /* Coalescing really happened: far fewer runs than requests. */
  g_test_message ("1000 requests -> %d runs started, %d results delivered",
                  g_atomic_int_get (&runs_started), seen.delivered);
  g_assert_cmpint (g_atomic_int_get (&runs_started), <, 1000);
  g_assert_cmpuint (flx_job_runner_get_in_flight (runner), ==, 0); /* all handled */

  g_rand_free (rand);
  g_free (seen.last_message);
  g_assert_finalize_object (runner);
}

static void
test_cancel (void)
{
  FlxJobRunner *runner = flx_job_runner_new (&echo_model);
  Seen seen = { 0 };
  double x = 5;

  g_signal_connect (runner, "finished", G_CALLBACK (finished_cb), &seen);
  flx_job_runner_submit (runner, &x, FLX_QUALITY_FULL);
  flx_job_runner_cancel (runner);
  g_usleep (20000);
  wait_idle (runner);
  g_assert_cmpint (seen.delivered, ==, 0);

  /* Still usable after a cancel. */
  x = 7;
  flx_job_runner_submit (runner, &x, FLX_QUALITY_FULL);
  wait_idle (runner);
  g_assert_cmpint (seen.delivered, ==, 1);
  g_assert_cmpfloat (seen.last_y, ==, 7);
  g_free (seen.last_message);
  g_assert_finalize_object (runner);
}

static void
test_failure_and_range (void)
{
  FlxJobRunner *runner = flx_job_runner_new (&echo_model);
  Seen seen = { 0 };
  double x = -3;

  g_signal_connect (runner, "finished", G_CALLBACK (finished_cb), &seen);
  flx_job_runner_submit (runner, &x, FLX_QUALITY_FULL);
  wait_idle (runner);
  g_assert_cmpint (seen.delivered, ==, 1);
  g_assert_cmpint (seen.last_status, ==, FLX_E_DIVERGED);
  g_assert_cmpstr (seen.last_message, ==, "negative input -3");

  /* Out-of-range input is refused before the solver runs, with the parameter named. */
  x = 2e9;
  flx_job_runner_submit (runner, &x, FLX_QUALITY_FULL);
  wait_idle (runner);
  g_assert_cmpint (seen.last_status, ==, FLX_E_PARAM);
  g_assert_nonnull (strstr (seen.last_message, "x:"));
  g_free (seen.last_message);
  g_assert_finalize_object (runner);
}

/* Dropping the runner while a job runs must stop and join the worker without leaks. */
static void
test_dispose_while_running (void)
{
  for (int i = 0; i < 50; i++)
    {
      FlxJobRunner *runner = flx_job_runner_new (&echo_model);
      double x = i;
      flx_job_runner_submit (runner, &x, FLX_QUALITY_FULL);
      g_usleep (g_random_int_range (0, 600));
      g_object_unref (runner);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
}

/* Every registered model on its own runner at once, as the app's pages run them: under
 * ThreadSanitizer this checks the solvers' shared state (FFTW planner lock, material table,
 * elastic worker threads) as well as the runner.  Each page's last request is delivered. */
static void
finished_count_cb (FlxJobRunner *runner, FlxJobOutcome *o, int *delivered)
{
  g_assert_true (g_thread_self () == main_thread);
  g_assert_cmpint (o->status, ==, FLX_OK);
  (*delivered)++;
}

static void
test_models_concurrently (void)
{
  size_t n = flx_model_count ();
  g_autofree FlxJobRunner **runners = g_new0 (FlxJobRunner *, n);
  g_autofree int *delivered = g_new0 (int, n);

  for (size_t i = 0; i < n; i++)
    {
      const FlxModel *m = flx_model_get (i);
      g_autofree double *v = g_new0 (double, m->n_params + 1);

      flx_model_defaults (m, v);
      runners[i] = flx_job_runner_new (m);
      g_signal_connect (runners[i], "finished", G_CALLBACK (finished_count_cb), &delivered[i]);
      /* Two quick requests: the first is superseded while it runs or waits. */
      flx_job_runner_submit (runners[i], v, FLX_QUALITY_FAST);
      flx_job_runner_submit (runners[i], v, FLX_QUALITY_FAST);
    }
  for (size_t i = 0; i < n; i++)
    {
      wait_idle (runners[i]);
      g_assert_cmpint (delivered[i], ==, 1);
      g_assert_finalize_object (runners[i]);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gsl_set_error_handler_off (); /* as main() does, before any solver thread */
  main_thread = g_thread_self ();
  g_test_add_func ("/job-runner/latest-wins", test_latest_wins);
  g_test_add_func ("/job-runner/cancel", test_cancel);
  g_test_add_func ("/job-runner/failure", test_failure_and_range);
  g_test_add_func ("/job-runner/dispose-while-running", test_dispose_while_running);
  g_test_add_func ("/job-runner/models-concurrently", test_models_concurrently);
  return g_test_run ();
}
