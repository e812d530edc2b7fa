/* h5-check.h: small HDF5 readers shared by the export and sweep tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <hdf5.h>
#include <stdlib.h>

/* A string attribute of obj, or NULL when absent. */
static inline char *
h5_str_attr (hid_t obj, const char *name)
{
  hid_t a, t;
  char *value = NULL, *copy = NULL;

  if (H5Aexists (obj, name) <= 0)
    return NULL;
  a = H5Aopen (obj, name, H5P_DEFAULT);
  t = H5Tcopy (H5T_C_S1);
  H5Tset_size (t, H5T_VARIABLE);
  H5Tset_cset (t, H5T_CSET_UTF8);
  if (H5Aread (a, t, &value) >= 0 && value != NULL)
    {
      copy = g_strdup (value);
      H5free_memory (value);
    }
  H5Tclose (t);
  H5Aclose (a);
  return copy;
}

static inline long long
h5_int_attr (hid_t obj, const char *name)
{
  long long v = -1;
  hid_t a = H5Aopen (obj, name, H5P_DEFAULT);

  g_assert_cmpint (a, >=, 0);
  g_assert_cmpint (H5Aread (a, H5T_NATIVE_LLONG, &v), >=, 0);
  H5Aclose (a);
  return v;
}

/* Reads a double dataset of any rank; *n gets the element count, dims (up to 2) the
 * shape.  NULL when the path does not exist. */
static inline double *
h5_read (hid_t file, const char *path, int *rank, hsize_t dims[2], size_t *n)
{
  hid_t ds, sp;
  double *data;

  if (H5Lexists (file, path, H5P_DEFAULT) <= 0)
    return NULL;
  ds = H5Dopen2 (file, path, H5P_DEFAULT);
  sp = H5Dget_space (ds);
  dims[0] = dims[1] = 1;
  *rank = H5Sget_simple_extent_ndims (sp);
  g_assert_cmpint (*rank, <=, 2);
  H5Sget_simple_extent_dims (sp, dims, NULL);
  *n = (size_t) H5Sget_simple_extent_npoints (sp);
  data = g_new0 (double, *n + 1);
  g_assert_cmpint (H5Dread (ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), >=, 0);
  H5Sclose (sp);
  H5Dclose (ds);
  return data;
}

/* H5Lvisit callback: every dataset carries non-NULL `units` and a non-empty
 * `long_name`; counts the datasets in *(int *) data. */
static inline herr_t
h5_check_attrs_cb (hid_t group, const char *name, const H5L_info_t *info, void *data)
{
  hid_t obj;
  (void) info;

  obj = H5Oopen (group, name, H5P_DEFAULT);
  g_assert_cmpint (obj, >=, 0);
  if (H5Iget_type (obj) == H5I_DATASET)
    {
      g_autofree char *units = h5_str_attr (obj, "units");
      g_autofree char *long_name = h5_str_attr (obj, "long_name");
      if (units == NULL || long_name == NULL || long_name[0] == '\0')
        g_error ("dataset %s lacks units or long_name", name);
      (*(int *) data)++;
    }
  H5Oclose (obj);
  return 0;
}

/* Number of datasets in the file, each checked for units and long_name. */
static inline int
h5_check_all_attrs (hid_t file)
{
  int n = 0;
  g_assert_cmpint (H5Lvisit (file, H5_INDEX_NAME, H5_ITER_NATIVE, h5_check_attrs_cb, &n), >=, 0);
  return n;
}
