//! Small-cell suppression for reports that leave the organisation.
//!
//! Primary suppression: a count from 1 to k−1 is shown as "<k" ([`Cell::Small`]).
//! Hiding it is not enough when the breakdown's total is published: the total
//! minus the published rows gives back the hidden sum. So complementary
//! suppression withholds further rows ([`Cell::Withheld`], smallest first)
//! until a reader who knows this algorithm learns nothing about any small
//! cell beyond "between 1 and k−1":
//!
//! - never exactly one withheld cell in a column (the total counts as a cell);
//! - with `S` = total − published rows, `p` small and `c` withheld cells, each
//!   small cell can still be as large as k−1 (`S − (p−1) − c·k ≥ k−1`: withheld
//!   cells are chosen among published ones, so a reader knows they are ≥ k);
//! - and, when nothing but small cells is hidden, as small as 1
//!   (`S − (p−1)(k−1) ≤ 1`).
//!
//! The upper bound only exists when the rows add up to the total (`additive`):
//! calls in a single-valued breakdown. For several subjects per call, and for
//! distinct cases (one case can appear in several rows), the rows overlap and
//! only the lower bound can leak.
//!
//! Zero is published as 0: it is not a small count, and withholding it would
//! not change the sum a reader can work out. When every non-zero row is
//! already hidden the total stays as it is, because it is the same number as
//! in the other breakdowns.

use super::model::Cell;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Published,
    Small,
    Withheld,
}

/// One column of a breakdown (calls or cases) as published with threshold
/// `min_cell`. `forced` rows are withheld unless zero: a row's cases are
/// hidden when its calls are, since cases ≤ calls would bound them (zero
/// cases bound nothing).
pub(crate) fn suppress(
    counts: &[u64],
    total: u64,
    min_cell: u32,
    additive: bool,
    forced: &[bool],
) -> (Vec<Cell>, Cell) {
    let k = u64::from(min_cell);
    let small = |count: u64| (1..k).contains(&count);
    let mut marks: Vec<Mark> = counts
        .iter()
        .zip(forced.iter().chain(std::iter::repeat(&false)))
        .map(|(&count, &forced)| match (small(count), forced) {
            (true, _) => Mark::Small,
            (false, true) if count > 0 => Mark::Withheld,
            _ => Mark::Published,
        })
        .collect();
    let total_small = small(total);
    // A small total means every row is small or zero: nothing is derivable.
    while !total_small && !is_safe(counts, &marks, total, k, additive) {
        let candidate = marks
            .iter()
            .zip(counts)
            .enumerate()
            .filter(|(_, (mark, count))| **mark == Mark::Published && **count > 0)
            .min_by_key(|(_, (_, count))| **count)
            .map(|(index, _)| index);
        match candidate {
            Some(index) => marks[index] = Mark::Withheld,
            None => break,
        }
    }
    let cells = marks
        .iter()
        .zip(counts)
        .map(|(mark, &count)| cell(*mark, count, min_cell))
        .collect();
    let total_mark = if total_small {
        Mark::Small
    } else {
        Mark::Published
    };
    (cells, cell(total_mark, total, min_cell))
}

/// Every count exactly, for internal reports.
pub(crate) fn exact(counts: &[u64], total: u64) -> (Vec<Cell>, Cell) {
    (
        counts.iter().map(|&count| Cell::Exact { count }).collect(),
        Cell::Exact { count: total },
    )
}

fn cell(mark: Mark, count: u64, min_cell: u32) -> Cell {
    match mark {
        Mark::Published => Cell::Exact { count },
        Mark::Small => Cell::Small { below: min_cell },
        Mark::Withheld => Cell::Withheld,
    }
}

fn is_safe(counts: &[u64], marks: &[Mark], total: u64, k: u64, additive: bool) -> bool {
    let small = marks.iter().filter(|mark| **mark == Mark::Small).count() as i128;
    let withheld = marks.iter().filter(|mark| **mark == Mark::Withheld).count() as i128;
    if small == 0 {
        return true;
    }
    if small + withheld == 1 {
        return false;
    }
    let published: u64 = marks
        .iter()
        .zip(counts)
        .filter(|(mark, _)| **mark == Mark::Published)
        .map(|(_, count)| count)
        .sum();
    let hidden_sum = i128::from(total) - i128::from(published);
    let k = i128::from(k);
    let can_be_one = withheld > 0 || hidden_sum - (small - 1) * (k - 1) <= 1;
    let can_be_largest = !additive || hidden_sum - (small - 1) - withheld * k >= k - 1;
    can_be_one && can_be_largest
}

#[cfg(test)]
mod tests {
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};

    use super::*;

    const K: u32 = 11;

    fn shown(cells: &[Cell]) -> Vec<String> {
        cells.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn small_counts_show_as_below_k_and_zero_and_large_stay() {
        let (cells, total) = suppress(&[0, 40, 30, 12], 82, K, true, &[]);
        assert_eq!(shown(&cells), ["0", "40", "30", "12"]);
        assert_eq!(total, Cell::Exact { count: 82 });
        let (cells, total) = suppress(&[3, 4], 7, K, true, &[]);
        assert_eq!(shown(&cells), ["<11", "<11"]);
        assert_eq!(total.to_string(), "<11");
    }

    #[test]
    fn one_small_cell_takes_the_next_smallest_with_it() {
        let (cells, _) = suppress(&[3, 40, 25, 0], 68, K, true, &[]);
        assert_eq!(shown(&cells), ["<11", "40", "x", "0"]);
    }

    #[test]
    fn a_withheld_cell_of_exactly_k_would_give_the_small_one_away() {
        // 1 + 11 = 12 and the withheld one is known to be ≥ 11: the small one
        // would be 1. A third cell must go too.
        let (cells, _) = suppress(&[1, 11, 30, 50], 92, K, true, &[]);
        assert_eq!(shown(&cells), ["<11", "x", "x", "50"]);
    }

    #[test]
    fn two_small_cells_whose_sum_pins_them_are_protected() {
        // 9 + 9 = 18: both would be known to be at least 8.
        let (cells, _) = suppress(&[9, 9, 40], 58, K, true, &[]);
        assert_eq!(shown(&cells), ["<11", "<11", "x"]);
        // 2 + 3 = 5: each is between 1 and 4 at most.
        let (cells, _) = suppress(&[2, 3, 40, 50], 95, K, true, &[]);
        assert_eq!(shown(&cells), ["<11", "<11", "x", "50"]);
    }

    #[test]
    fn overlapping_rows_still_never_leave_one_cell_alone() {
        // Subjects: 43 calls, rows overlap, so 43 − 40 says nothing exact,
        // but one lonely hidden cell is still not published.
        let (cells, _) = suppress(&[40, 3, 20], 43, K, false, &[]);
        assert_eq!(shown(&cells), ["40", "<11", "x"]);
    }

    #[test]
    fn forced_cells_are_withheld_and_count_as_hidden() {
        let (cells, _) = suppress(&[20, 15, 0], 35, K, false, &[false, true, true]);
        assert_eq!(shown(&cells), ["20", "x", "0"]);
    }

    /// What a reader can work out from one published column: the range each
    /// small cell could take, given the total, the published cells, that
    /// small cells are 1..k−1 and that withheld ones were published
    /// candidates (so ≥ k).
    fn reader_bounds(counts: &[u64], cells: &[Cell], total: u64, k: u64) -> Vec<(i128, i128)> {
        let published: u64 = cells
            .iter()
            .filter_map(|cell| match cell {
                Cell::Exact { count } => Some(*count),
                _ => None,
            })
            .sum();
        let hidden = i128::from(total) - i128::from(published);
        let small = cells
            .iter()
            .filter(|cell| matches!(cell, Cell::Small { .. }))
            .count() as i128;
        let withheld = cells
            .iter()
            .filter(|cell| matches!(cell, Cell::Withheld))
            .count() as i128;
        let k = i128::from(k);
        counts
            .iter()
            .zip(cells)
            .filter(|(_, cell)| matches!(cell, Cell::Small { .. }))
            .map(|_| {
                let others_min = (small - 1) + withheld * k;
                let others_max = if withheld > 0 {
                    i128::MAX / 2
                } else {
                    (small - 1) * (k - 1)
                };
                (
                    (hidden - others_max).max(1),
                    (hidden - others_min).min(k - 1),
                )
            })
            .collect()
    }

    #[test]
    fn no_published_or_derivable_cell_is_small_over_many_random_breakdowns() {
        let mut rng = StdRng::seed_from_u64(6);
        for round in 0..20_000 {
            let k: u32 = rng.random_range(3..=15);
            let rows = rng.random_range(1..=8);
            let counts: Vec<u64> = (0..rows)
                .map(|_| match rng.random_range(0..4) {
                    0 => 0,
                    1 => rng.random_range(1..u64::from(k)),
                    2 => rng.random_range(u64::from(k)..u64::from(k) + 3),
                    _ => rng.random_range(0..60),
                })
                .collect();
            let total: u64 = counts.iter().sum();
            let (cells, total_cell) = suppress(&counts, total, k, true, &[]);
            let context = format!("round {round}: k={k} counts={counts:?} cells={cells:?}");
            let small = |count: u64| (1..u64::from(k)).contains(&count);

            for (cell, &count) in cells.iter().zip(&counts) {
                match cell {
                    Cell::Exact { count: shown } => {
                        assert_eq!(*shown, count, "{context}");
                        assert!(!small(count), "a small count published: {context}");
                    }
                    Cell::Small { below } => {
                        assert!(small(count) && *below == k, "{context}")
                    }
                    Cell::Withheld => assert!(count >= u64::from(k), "{context}"),
                }
            }
            match total_cell {
                Cell::Exact { count } => {
                    assert!(!small(count), "{context}");
                    let hidden_cells = cells
                        .iter()
                        .filter(|cell| !matches!(cell, Cell::Exact { .. }))
                        .count();
                    assert_ne!(
                        hidden_cells, 1,
                        "one hidden cell is recomputable: {context}"
                    );
                    let published: u64 = cells
                        .iter()
                        .filter_map(|cell| match cell {
                            Cell::Exact { count } => Some(*count),
                            _ => None,
                        })
                        .sum();
                    assert!(
                        !small(count - published),
                        "total minus published is small: {context}"
                    );
                    let any_candidate_left = cells
                        .iter()
                        .zip(&counts)
                        .any(|(cell, &count)| matches!(cell, Cell::Exact { .. }) && count > 0);
                    if any_candidate_left {
                        for (low, high) in reader_bounds(&counts, &cells, count, u64::from(k)) {
                            assert_eq!(
                                (low, high),
                                (1, i128::from(k) - 1),
                                "a small cell can be narrowed down: {context}"
                            );
                        }
                    }
                }
                Cell::Small { .. } => assert!(small(total), "{context}"),
                Cell::Withheld => panic!("a total is never withheld: {context}"),
            }
        }
    }

    #[test]
    fn internal_reports_show_every_number() {
        let (cells, total) = exact(&[3, 0, 12], 15);
        assert_eq!(shown(&cells), ["3", "0", "12"]);
        assert_eq!(total, Cell::Exact { count: 15 });
    }
}
