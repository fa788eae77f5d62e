#!/usr/bin/env python3
"""Tests of bench/compare.py's bookkeeping (not of any measurement): the verdicts, the markers it
rewrites in docs/performance.md and README.md, README's short table, which runs count as small, and how JMH results are
found. Run with `python3 -m unittest bench/test_compare.py` (numpy, scipy and mpmath needed, as for
the script itself)."""
import importlib.util
import math
import os
import tempfile
import unittest
from pathlib import Path
from unittest import mock

HERE = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("compare", HERE / "compare.py")
compare = importlib.util.module_from_spec(spec)
spec.loader.exec_module(compare)


class Verdicts(unittest.TestCase):

    def test_an_upper_bound_is_met_up_to_and_including_it(self):
        self.assertEqual(compare.at_most(1.3, 1.3), "met")
        self.assertEqual(compare.at_most(0.5, 1.3), "met")

    def test_an_upper_bound_missed_says_by_how_many_percent(self):
        # 1.95 is 1.5 times 1.3: 50 % over
        self.assertEqual(compare.at_most(1.95, 1.3), "missed by 50 %")
        self.assertEqual(compare.at_most(150, 100, " (more time)"), "missed by 50 % (more time)")

    def test_a_miss_under_one_percent_is_not_written_as_zero(self):
        # 3.003 is 0.1 % over 3 (3.003 / 3 = 1.001); 3.0001 is 0.003 % over
        self.assertEqual(compare.at_most(3.003, 3.0), "missed by 0.1 %")
        self.assertEqual(compare.at_most(3.0001, 3.0), "missed by < 0.1 %")
        # 2 / 1.99 = 1.005025...: 0.5 % more time
        self.assertEqual(compare.at_least(1.99, 2.0), "missed: 0.5 % more time than the target allows")

    def test_a_speed_up_missed_says_how_much_more_time_than_the_target_allows(self):
        self.assertEqual(compare.at_least(2.0, 2.0), "met")
        # at 0.5× where 2× is asked, the time is 4 times what the target allows: 300 % more
        self.assertEqual(compare.at_least(0.5, 2.0), "missed: 300 % more time than the target allows")

    def test_several_criteria_are_met_only_if_each_is(self):
        self.assertEqual(compare.both("met", "met"), "met")
        self.assertEqual(compare.both("met", "1.5 ulp"), "1.5 ulp")


class Errors(unittest.TestCase):

    def test_a_reference_keeps_the_digits_beyond_a_double(self):
        # the double nearest 2.1088585126514534 and the reference differ by a twentieth of an ulp,
        # computed here with Python's decimal module, independently of mpmath
        from decimal import Decimal, getcontext
        getcontext().prec = 50
        value, reference = 2.1088585126514534, "2.108858512651453433238771251190"
        expected = abs(Decimal(value) - Decimal(reference)) / Decimal(math.ulp(value))
        compare.mpmath.mp.prec = 53   # as a caller may have left it
        got = compare.ulps(value, compare.exact(reference))
        self.assertAlmostEqual(got, float(expected), places=6)
        self.assertGreater(got, 0.01)


class Markers(unittest.TestCase):

    def setUp(self):
        # the script says which pages it wrote; a test run stays quiet
        patcher = mock.patch.object(compare, "log")
        self.log = patcher.start()
        self.addCleanup(patcher.stop)

    def page(self, text):
        f = tempfile.NamedTemporaryFile("w", suffix=".md", delete=False)
        f.write(text)
        f.close()
        self.addCleanup(os.unlink, f.name)
        return Path(f.name)

    def test_only_the_text_between_the_markers_changes(self):
        page = self.page("# Title\n\nbefore\n<!-- bench-summary-begin: a note -->\nold\ntable\n"
                         "<!-- bench-summary-end -->\nafter\n")
        compare.write_summary(page, "| new | table |")
        self.assertEqual(page.read_text(), "# Title\n\nbefore\n<!-- bench-summary-begin: a note -->\n"
                                           "| new | table |\n<!-- bench-summary-end -->\nafter\n")

    def test_writing_twice_gives_the_same_page(self):
        page = self.page("a\n<!-- bench-summary-begin -->\n<!-- bench-summary-end -->\nb\n")
        compare.write_summary(page, "x\ny")
        once = page.read_text()
        compare.write_summary(page, "x\ny")
        self.assertEqual(page.read_text(), once)

    def test_a_page_without_markers_is_left_alone(self):
        page = self.page("no markers here\n")
        compare.write_summary(page, "table")
        self.assertEqual(page.read_text(), "no markers here\n")
        self.assertIn("left alone", self.log.call_args[0][0])

    def test_readme_and_the_performance_page_have_one_pair_of_markers_each(self):
        for page in compare.SUMMARY_PAGES:
            text = page.read_text()
            self.assertEqual(text.count(compare.SUMMARY_BEGIN), 1, page)
            self.assertEqual(text.count(compare.SUMMARY_END), 1, page)
            self.assertLess(text.index(compare.SUMMARY_BEGIN), text.index(compare.SUMMARY_END), page)


class ShortTable(unittest.TestCase):

    def test_rows_of_one_target_become_one_row_met_only_if_each_is(self):
        numpy = "≥ %g× numpy" % compare.TARGET_LOSS_VS_NUMPY
        rows = [compare.Row(("Binary cross-entropy from probabilities, 10,000,000 examples in memory", "2.5 ns",
                             "", "3.61×", numpy, "met"), "loss", "binary"),
                compare.Row(("Sparse categorical cross-entropy (10 classes) from probabilities, 1,000,000"
                             " examples in memory", "14 ns", "", "0.72×", numpy,
                             "missed: 178 % more time than the target allows"), "loss", "sparse"),
                compare.Row(("Start-up: `./xent entropy --p 0.1,0.4,0.5`", "0.090 s", "", "2.58× hello",
                             "≤ 3× hello", "met"), "startup", "./xent"),
                compare.Row(("Binary cross-entropy from logits, 10,000,000 examples in memory", "3.5 ns", "",
                             "6.96×", numpy, "met"), "loss", "binary from logits")]
        loss, startup = compare.short_rows(rows)
        # a target's rows stay together even where other rows come between them
        self.assertEqual(loss[1], "binary 3.61×; sparse 0.72×; binary from logits 6.96×")
        self.assertEqual(loss[2], "met: binary, binary from logits; missed: sparse")
        self.assertIn("batch paths", loss[0])
        self.assertEqual(startup[1:], ("./xent 2.58× hello", "met"))

    def test_a_size_is_a_power_of_ten_where_it_is_one_and_memory_is_shown_by_its_value(self):
        self.assertEqual(compare.size_name(10_000_000), "10⁷")
        self.assertEqual(compare.size_name(1_000_000), "10⁶")
        self.assertEqual(compare.size_name(1_500_000), "1,500,000")
        mb = "≤ %d MB" % compare.TARGET_CSV_MB
        [(label, measured, verdict)] = compare.short_rows([
            compare.Row(("`xent loss`, 1,000,000 rows × 10 as pandas' `to_csv` writes it (202 MB): peak memory",
                         "71 MB", "", "0.33× DuckDB's", mb, "met"), "csv memory", "pandas' file", "71 MB"),
            compare.Row(("`xent loss`, 10,000,000 rows × 10 with 6 decimals (920 MB): peak memory", "172 MB", "",
                         "0.8× DuckDB's", mb, "missed by 72 %"), "csv memory", "6-decimal file", "172 MB")])
        self.assertEqual((measured, verdict), ("pandas' file 71 MB; 6-decimal file 172 MB",
                                               "met: pandas' file; missed: 6-decimal file"))
        self.assertIn("≤ %d MB" % compare.TARGET_CSV_MB, label)

    def test_a_row_not_measured_says_so_whatever_its_ratio_column(self):
        [(_, measured, verdict)] = compare.short_rows([
            compare.Row(("Entropy H(P), n = 1,000,000, `vector`", "not measured", "", "", "", "not measured"),
                        "measures", "H(P) at 10⁶")])
        self.assertEqual((measured, verdict), ("H(P) at 10⁶ not measured", "missed"))


class SmallRuns(unittest.TestCase):

    def test_the_defaults_are_not_small(self):
        with mock.patch.dict(os.environ, {k: v for k, v in compare.DEFAULTS.items()}):
            for part in compare.PARTS:
                self.assertFalse(compare.small_sizes(part), part)

    def test_a_smaller_size_makes_its_part_small_and_no_other(self):
        with mock.patch.dict(os.environ, {"XENT_BENCH_SIZES": "1000 100000"}):
            self.assertTrue(compare.small_sizes("measures"))
            self.assertFalse(compare.small_sizes("loss"))
            self.assertFalse(compare.small_sizes("startup"))

    def test_a_skipped_csv_file_is_not_a_small_one(self):
        with mock.patch.dict(os.environ, {"XENT_BENCH_CSV_ROWS": "0", "XENT_BENCH_PANDAS_ROWS": "0"}):
            self.assertFalse(compare.small_sizes("csv"))
        with mock.patch.dict(os.environ, {"XENT_BENCH_CSV_ROWS": "100000"}):
            self.assertTrue(compare.small_sizes("csv"))


class LossTimes(unittest.TestCase):

    def test_vector_first_then_a_path_without_backend_then_a_vector_variant(self):
        t = {"ns": 1.0}
        self.assertEqual(compare.loss_time({("naive", "c", 5): t, ("vector", "c", 5): t}, "c", 5)[0], "vector")
        self.assertEqual(compare.loss_time({("-", "c", 5): t}, "c", 5)[0], "-")
        self.assertEqual(compare.loss_time({("vector[threads=2]", "c", 5): t}, "c", 5)[0], "vector[threads=2]")
        self.assertEqual(compare.loss_time({("naive", "c", 5): t}, "c", 5), (None, None))


class IterationSpread(unittest.TestCase):

    def test_the_fastest_and_slowest_iteration_over_every_fork_are_kept(self):
        # two forks of three iterations, ns per call, as JMH writes them in -rf json
        r = {"primaryMetric": {"score": 5.0e6, "scoreError": 1.0e6,
                               "rawData": [[4.29e6, 7.6e6, 8.0e6], [2.0e6, 3.1e6, 2.5e6]]},
             "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 96.0}}}
        t = compare.jmh_entry(r)
        self.assertEqual((t["min"], t["max"], t["ns"], t["alloc"]), (2.0e6, 8.0e6, 5.0e6, 96.0))
        # per element at n = 10^6: 2.0 to 8.0 ns
        self.assertEqual(compare.spread(t, 1_000_000), " (2–8)")
        self.assertEqual(compare.spread({"ns": 1.0, "min": 4.29e6, "max": 7.6e6}, 1_000_000), " (4.29–7.6)")

    def test_a_result_saved_without_iterations_shows_no_spread(self):
        self.assertEqual(compare.spread({"ns": 5.0e6}, 1_000_000), "")
        self.assertIsNone(compare.jmh_entry({"primaryMetric": {"score": 1.0}})["min"])


if __name__ == "__main__":
    unittest.main()
