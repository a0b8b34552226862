/// `Duration` as fractional seconds, for the places that mix it with `TimeInterval`s and rates.
extension Duration {
  /// The duration in seconds, e.g. 1.5 for `.milliseconds(1500)`.
  package var inSeconds: Double {
    let parts = components
    return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
  }
}
