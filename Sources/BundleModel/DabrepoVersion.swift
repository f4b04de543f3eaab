/// dabrepo's version, printed by `dabrepo --version` and written into SARIF reports.
public enum DabrepoVersion {
    public static let current = "0.1.0"
}
