import CLibGit2

/// What git reads for a path beyond its content: `.gitattributes` values, and the repository's own
/// (`.git/config`) settings that pair with them, such as a diff driver's command.
extension GitRepository {
    /// The value of a gitattribute for a path relative to the work tree (`diff=dabrepo` → "dabrepo"),
    /// nil when it is unset, unspecified or only set without a value. `.gitattributes` files of the
    /// work tree come first, then the index's, as `git check-attr` reads them.
    public func attribute(_ name: String, of path: String) -> String? {
        var value: UnsafePointer<CChar>?
        guard git_attr_get(&value, pointer, UInt32(GIT_ATTR_CHECK_FILE_THEN_INDEX), path, name) == 0, let value,
              git_attr_value(value) == GIT_ATTR_VALUE_STRING else { return nil }
        return String(cString: value)
    }

    /// Sets a value in this repository's own configuration (`git config --local KEY VALUE`).
    public func setLocalConfigValue(_ key: String, _ value: String) throws(GitError) {
        var config: OpaquePointer?
        try GitError.check(git_repository_config(&config, pointer), "opening the repository's configuration")
        defer { git_config_free(config) }
        var local: OpaquePointer?
        try GitError.check(git_config_open_level(&local, config, GIT_CONFIG_LEVEL_LOCAL), "opening \(gitDirectory)/config")
        defer { git_config_free(local) }
        try GitError.check(git_config_set_string(local, key, value), "setting \(key) in \(gitDirectory)/config")
    }
}
