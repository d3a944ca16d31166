#!/bin/sh
# Install firebase/php-jwt at $LIBRARY_VERSION (the manifest's, a build argument) into /opt/php-jwt/vendor
# (Composer's layout) and write /opt/jwtparity/library.json saying which version was installed and where it really came from.
#
# First Composer from Packagist; where Packagist cannot be reached, the copy of php-jwt that Debian's
# zoneminder package vendors (downloaded and unpacked, not installed: zoneminder itself is not wanted).
set -eu
mkdir -p /opt/php-jwt /opt/jwtparity
cd /opt/php-jwt

# fetch.sh (jwtparity/fetch.sh) exits 75 only when the registry could not be reached: then, and only
# then, the fallback; any other failure (a version Packagist does not have) is an error of the language.
fetch=/opt/jwtparity-build/fetch.sh
if COMPOSER_ALLOW_SUPERUSER=1 sh "$fetch" "firebase/php-jwt $LIBRARY_VERSION" Packagist --timeout 120 \
        composer require --no-interaction --no-progress "firebase/php-jwt:$LIBRARY_VERSION"; then
    source="Packagist"
elif [ $? -eq 75 ]; then
    echo "Packagist could not be reached; falling back to the php-jwt vendored in Debian's zoneminder" >&2
    rm -rf /opt/php-jwt/* && cd /tmp
    sh "$fetch" "zoneminder (its vendored firebase/php-jwt)" "Debian's mirror" \
        apt-get download zoneminder || exit 1
    dpkg-deb -x zoneminder_*.deb zoneminder
    vendor=zoneminder/usr/share/zoneminder/www/vendor
    mkdir -p /opt/php-jwt/vendor/firebase /opt/php-jwt/vendor/composer
    cp -r "$vendor/firebase/php-jwt" /opt/php-jwt/vendor/firebase/
    # Composer's record of what it installed there: it holds php-jwt's version (and commit).
    cp "$vendor/composer/installed.json" /opt/php-jwt/vendor/composer/
    source="Debian package zoneminder $(dpkg-deb -f zoneminder_*.deb Version) (vendored copy)"
    apt-get clean
else
    exit 1
fi
rm -rf /tmp/* /root/.cache /root/.composer  # Composer's cache; /tmp is a fresh tmpfs at run time anyway

# The version Composer recorded for the installed package (installed.json is a list in Composer 1,
# an object with "packages" in Composer 2).
php -r '
    $installed = json_decode(file_get_contents("/opt/php-jwt/vendor/composer/installed.json"), true);
    foreach ($installed["packages"] ?? $installed as $package) {
        if ($package["name"] === "firebase/php-jwt") {
            $library = ["library" => "firebase/php-jwt", "version" => ltrim($package["version"], "v"), "source" => $argv[1]];
            echo json_encode($library, JSON_UNESCAPED_SLASHES), "\n";
            exit(0);
        }
    }
    fwrite(STDERR, "firebase/php-jwt is not in installed.json\n");
    exit(1);
' "$source" > /opt/jwtparity/library.json
cat /opt/jwtparity/library.json
