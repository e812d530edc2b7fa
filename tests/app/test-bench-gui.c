/* test-bench-gui.c: `flexolab --bench-gui` with a short drag and idle runs to the end and
 * prints the JSON object flexolab-bench merges.  Checks shape and sanity, never timings
 * (those belong to the benchmark, not to a shared test machine).  Needs a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#define STEPS 8

static const char *flexolab_bin;

static char *
run_bench (const char *const *extra, int *status)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GError) error = NULL;
  char *out = NULL;

  g_ptr_array_add (argv, (char *) flexolab_bin);
  for (int i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) extra[i]);
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_newv ((const char *const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc)); /* no crash */
  *status = g_subprocess_get_exit_status (proc);
  return out;
}

static void
check_drag (JsonObject *drag, const char *id, const char *param)
{
  JsonObject *d;

  g_assert_true (json_object_has_member (drag, id));
  d = json_object_get_object_member (drag, id);
  g_assert_cmpstr (json_object_get_string_member (d, "param"), ==, param);
  g_assert_cmpint (json_object_get_int_member (d, "steps"), ==, STEPS);
  /* One change per frame: the frames from the first change to the last are the steps. */
  g_assert_cmpint (json_object_get_int_member (d, "frames"), ==, STEPS);
  for (const char *const *k = (const char *const[]) { "frame_interval_ms", "paint_interval_ms",
                                                       "frame_work_ms", NULL }; *k; k++)
    {
      JsonObject *st = json_object_get_object_member (d, *k);
      g_assert_nonnull (st);
      g_assert_cmpfloat (json_object_get_double_member (st, "median"), >, 0);
      g_assert_cmpfloat (json_object_get_double_member (st, "median"), <=,
                         json_object_get_double_member (st, "p95"));
      g_assert_cmpfloat (json_object_get_double_member (st, "p95"), <=,
                         json_object_get_double_member (st, "max"));
    }
  g_assert_cmpint (json_object_get_int_member (d, "dropped_frames"), >=, 0);
  g_assert_cmpint (json_object_get_int_member (d, "dropped_frames"), <=, STEPS - 1);
  g_assert_true (json_object_has_member (d, "stale_ms"));
  g_assert_true (json_object_has_member (d, "results_shown_during_drag"));
  /* The final value's result did reach the screen, and the FULL one no earlier. */
  g_assert_cmpfloat (json_object_get_double_member (d, "latency_ms"), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (d, "full_result_ms"), >=,
                     json_object_get_double_member (d, "latency_ms"));
}

static void
test_bench_gui_json (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  JsonObject *root, *startup, *idle, *mem, *targets;
  int status;

  out = run_bench ((const char *const[]) { "--bench-gui", "--bench-steps", G_STRINGIFY (STEPS),
                                           "--bench-idle", "0.3", NULL }, &status);
  g_assert_cmpint (status, ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_boolean_member (root, "complete"));
  g_assert_nonnull (json_object_get_string_member (root, "renderer"));

  startup = json_object_get_object_member (root, "startup");
  g_assert_cmpfloat (json_object_get_double_member (startup, "first_frame_ms"), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (startup, "first_result_frame_ms"), >=,
                     json_object_get_double_member (startup, "first_frame_ms"));

  check_drag (json_object_get_object_member (root, "drag"), "cfr", "force");
  check_drag (json_object_get_object_member (root, "drag"), "lsmo", "t_substrate");

  idle = json_object_get_object_member (root, "idle");
  g_assert_cmpint (json_object_get_size (idle), ==, 5);
  for (GList *l = json_object_get_members (idle), *m = l; m; m = m->next)
    {
      JsonObject *page = json_object_get_object_member (idle, m->data);
      g_assert_cmpfloat (json_object_get_double_member (page, "seconds"), >=, 0.3);
      g_assert_cmpfloat (json_object_get_double_member (page, "cpu_ms"), >=, 0);
      g_assert_true (json_object_has_member (page, "frames"));
      g_assert_true (json_object_has_member (page, "wakeups"));
      if (m->next == NULL)
        g_list_free (l);
    }

  mem = json_object_get_object_member (root, "memory");
  g_assert_cmpint (json_object_get_int_member (mem, "pages_opened"), ==, 5);
  g_assert_cmpfloat (json_object_get_double_member (mem, "vm_rss_mb"), >, 1);
  g_assert_cmpfloat (json_object_get_double_member (mem, "vm_hwm_mb"), >=,
                     json_object_get_double_member (mem, "vm_rss_mb"));

  /* the vacancy replay ran and painted (how fast depends on the machine) */
  {
    JsonObject *rv = json_object_get_object_member (json_object_get_object_member (root,
                                                                                   "replay"),
                                                     "vacancy");
    g_assert_nonnull (rv);
    g_assert_cmpint (json_object_get_int_member (rv, "frames"), >, 1);
    g_assert_cmpfloat (json_object_get_double_member (rv, "frames_per_s"), >, 0);
    g_assert_cmpint (json_object_get_int_member (rv, "replay_draws"), >=, 2);
    g_assert_cmpint (json_object_get_int_member (rv, "snapshots"), >=, 2);
  }

  targets = json_object_get_object_member (root, "targets");
  for (const char *const *k = (const char *const[]) { "first_frame", "drag", "replay", "idle",
                                                       "memory", NULL }; *k; k++)
    g_assert_true (json_object_has_member (targets, *k));
}

/* Nonsense options are refused with a message, not run. */
static void
test_bench_gui_bad_options (void)
{
  g_autofree char *out = NULL;
  int status;

  out = run_bench ((const char *const[]) { "--bench-gui", "--bench-steps", "1", NULL }, &status);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (out, ==, "");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  flexolab_bin = g_getenv ("FLEXOLAB_BIN");
  g_assert_nonnull (flexolab_bin);
  g_test_add_func ("/bench-gui/json", test_bench_gui_json);
  g_test_add_func ("/bench-gui/bad-options", test_bench_gui_bad_options);
  return g_test_run ();
}
