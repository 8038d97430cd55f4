//! Civil-day arithmetic (proleptic Gregorian) and the TIMEX3 spellings of
//! days, weeks, months, quarters, seasons, decades and centuries.

pub(super) use crate::calendar::{civil_from_days, days_from_civil};

/// 0 = Monday ... 6 = Sunday.
pub(super) fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7) // 1970-01-01 was a Thursday
}

/// `2013-03-22`.
pub(super) fn iso_day(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{}-{m:02}-{d:02}", year(y))
}

/// A year as TIMEX3 writes it: four digits, `BC0480` before year 1.
pub(super) fn year(y: i32) -> String {
    if y <= 0 {
        format!("BC{:04}", 1 - y)
    } else {
        format!("{y:04}")
    }
}

/// `2013-W11`: the ISO week holding the day.
pub(super) fn iso_week(days: i64) -> String {
    let thursday = days - weekday(days) + 3;
    let (y, _, _) = civil_from_days(thursday);
    let week = (thursday - days_from_civil(y, 1, 1)) / 7 + 1;
    format!("{}-W{week:02}", year(y))
}

/// Months counted from year 0: `y * 12 + (m - 1)`.
pub(super) fn month_index(days: i64) -> i64 {
    let (y, m, _) = civil_from_days(days);
    i64::from(y) * 12 + i64::from(m) - 1
}

/// `2013-03` for a month index.
pub(super) fn month(index: i64) -> String {
    format!(
        "{}-{:02}",
        year(index.div_euclid(12) as i32),
        index.rem_euclid(12) + 1
    )
}

/// Quarters counted from year 0.
pub(super) fn quarter_index(days: i64) -> i64 {
    month_index(days).div_euclid(3)
}

/// `2013-Q1`.
pub(super) fn quarter(index: i64) -> String {
    format!(
        "{}-Q{}",
        year(index.div_euclid(4) as i32),
        index.rem_euclid(4) + 1
    )
}

/// TIMEX3 season codes in calendar order from March.
pub(super) const SEASONS: [&str; 4] = ["SP", "SU", "FA", "WI"];

/// Seasons counted from year 0 (spring = March to May; winter belongs to
/// the year of its December).
pub(super) fn season_index(days: i64) -> i64 {
    (month_index(days) - 2).div_euclid(3)
}

/// `2012-SU`.
pub(super) fn season(index: i64) -> String {
    format!(
        "{}-{}",
        year(index.div_euclid(4) as i32),
        SEASONS[index.rem_euclid(4) as usize]
    )
}

/// The year of a day.
pub(super) fn year_of(days: i64) -> i32 {
    civil_from_days(days).0
}

/// `201` for the 2010s.
pub(super) fn decade(y: i32) -> String {
    format!("{:03}", y.div_euclid(10))
}

/// `20` for 2000-2099 (the 21st century).
pub(super) fn century(y: i32) -> String {
    format!("{:02}", y.div_euclid(100))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_names() {
        for days in [-800_000, -1, 0, 19_000, 20_000, 60_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        let friday = days_from_civil(2013, 3, 22);
        assert_eq!(weekday(friday), 4);
        assert_eq!(iso_week(friday), "2013-W12");
        assert_eq!(iso_week(days_from_civil(2021, 1, 3)), "2020-W53");
        assert_eq!(iso_week(days_from_civil(2024, 12, 30)), "2025-W01");
        assert_eq!(month(month_index(friday) - 3), "2012-12");
        assert_eq!(quarter(quarter_index(friday) - 1), "2012-Q4");
        assert_eq!(season(season_index(friday)), "2013-SP");
        assert_eq!(season(season_index(days_from_civil(2013, 1, 9))), "2012-WI");
        assert_eq!(season(season_index(days_from_civil(2013, 7, 1))), "2013-SU");
        assert_eq!(year(-479), "BC0480");
        assert_eq!(decade(2013), "201");
        assert_eq!(century(1999), "19");
    }
}
