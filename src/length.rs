//! Exact lengths. The contract gives centimetres as JSON numbers with at most two
//! decimals; we hold them as integer hundredths of a centimetre (tenths of a millimetre),
//! so that 2.6 + 2 x 0.2 is exactly 3.0 and size bands never suffer binary rounding.

use std::fmt;
use std::ops::{Add, Mul};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, ts_rs::TS)]
// JSON and TypeScript see centimetres as a number with at most two decimals.
#[ts(rename = "Centimetres", type = "number")]
pub struct Length {
    hundredths_cm: u32,
}

/// Why a JSON number is not a contract length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LengthError {
    NotFinite,
    Negative,
    TooManyDecimals,
    TooLarge,
}

impl Length {
    /// The largest length the contract accepts (anything larger is not a skin lesion or
    /// repair a note would document; it is a typing error).
    pub const MAX: Length = Length { hundredths_cm: 10_000 };

    pub const fn from_hundredths(hundredths_cm: u32) -> Length {
        Length { hundredths_cm }
    }

    /// Converts a JSON number of centimetres. The number must be a whole number of
    /// hundredths: the f64 that `serde_json` parsed from "2.6" is within 1e-9 of 260/100,
    /// so rounding recovers the decimal the clinician typed exactly.
    pub fn from_cm(value: f64) -> Result<Length, LengthError> {
        if !value.is_finite() {
            return Err(LengthError::NotFinite);
        }
        if value < 0.0 {
            return Err(LengthError::Negative);
        }
        let scaled = value * 100.0;
        if scaled > f64::from(Length::MAX.hundredths_cm) {
            return Err(LengthError::TooLarge);
        }
        let rounded = scaled.round();
        if (scaled - rounded).abs() > 1e-6 {
            return Err(LengthError::TooManyDecimals);
        }
        Ok(Length { hundredths_cm: rounded as u32 })
    }

    pub fn hundredths(self) -> u32 {
        self.hundredths_cm
    }

    pub fn is_zero(self) -> bool {
        self.hundredths_cm == 0
    }
}

impl Add for Length {
    type Output = Length;
    fn add(self, rhs: Length) -> Length {
        Length { hundredths_cm: self.hundredths_cm + rhs.hundredths_cm }
    }
}

impl Mul<u32> for Length {
    type Output = Length;
    fn mul(self, rhs: u32) -> Length {
        Length { hundredths_cm: self.hundredths_cm * rhs }
    }
}

impl std::iter::Sum for Length {
    fn sum<I: Iterator<Item = Length>>(iter: I) -> Length {
        iter.fold(Length::default(), |a, b| a + b)
    }
}

/// Prints centimetres the way a note would: `1.8`, `3.0`, `0.25`.
impl fmt::Display for Length {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.hundredths_cm / 100;
        let frac = self.hundredths_cm % 100;
        if frac.is_multiple_of(10) {
            write!(f, "{whole}.{}", frac / 10)
        } else {
            write!(f, "{whole}.{frac:02}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floating_point_traps_are_exact() {
        let lesion = Length::from_cm(2.6).unwrap();
        let margin = Length::from_cm(0.2).unwrap();
        assert_eq!(lesion + margin * 2, Length::from_cm(3.0).unwrap());
        let sum: Length = [0.1, 0.2].iter().map(|&v| Length::from_cm(v).unwrap()).sum();
        assert_eq!(sum, Length::from_cm(0.3).unwrap());
    }

    #[test]
    fn rejects_what_is_not_a_length() {
        assert_eq!(Length::from_cm(-0.1), Err(LengthError::Negative));
        assert_eq!(Length::from_cm(f64::NAN), Err(LengthError::NotFinite));
        assert_eq!(Length::from_cm(1.234), Err(LengthError::TooManyDecimals));
        assert_eq!(Length::from_cm(100.01), Err(LengthError::TooLarge));
        assert_eq!(Length::from_cm(1e300), Err(LengthError::TooLarge));
        assert!(Length::from_cm(100.0).is_ok());
    }

    #[test]
    fn displays_like_a_note() {
        assert_eq!(Length::from_cm(1.8).unwrap().to_string(), "1.8");
        assert_eq!(Length::from_cm(3.0).unwrap().to_string(), "3.0");
        assert_eq!(Length::from_cm(0.25).unwrap().to_string(), "0.25");
    }
}
