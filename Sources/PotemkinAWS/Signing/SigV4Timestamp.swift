import Foundation

/// The two renderings of a signing time SigV4 needs, computed without a date formatter.
struct SigV4Timestamp: Sendable, Hashable {
  /// `YYYYMMDD'T'HHMMSS'Z'` in UTC, the `X-Amz-Date` value.
  let amzDate: String
  /// `YYYYMMDD` in UTC, the date in the credential scope.
  var dateStamp: String { String(amzDate.prefix(8)) }

  /// The timestamp of `date`, truncated to whole seconds.
  init(_ date: Date) {
    let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
    var days = seconds / 86_400
    var secondOfDay = seconds % 86_400
    if secondOfDay < 0 {
      secondOfDay += 86_400
      days -= 1
    }
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)

    var bytes: [UInt8] = []
    bytes.reserveCapacity(16)
    func append(_ value: Int64, digits: Int) {
      var divisor: Int64 = 1
      for _ in 1..<digits { divisor *= 10 }
      var remaining = value
      while divisor > 0 {
        bytes.append(UInt8(ascii: "0") + UInt8(remaining / divisor % 10))
        remaining %= divisor
        divisor /= 10
      }
    }
    append(year, digits: 4)
    append(month, digits: 2)
    append(day, digits: 2)
    bytes.append(UInt8(ascii: "T"))
    append(secondOfDay / 3600, digits: 2)
    append(secondOfDay / 60 % 60, digits: 2)
    append(secondOfDay % 60, digits: 2)
    bytes.append(UInt8(ascii: "Z"))
    amzDate = String(decoding: bytes, as: UTF8.self)
  }
}
