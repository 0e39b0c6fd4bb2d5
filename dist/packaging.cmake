# Installing beyond the programs and their data (CMakeLists.txt): man pages, the
# docs, the kiosk service for a machine with no desktop, and the Debian package
# (cpack in the build folder writes placard_VERSION_ARCH.deb).
#
# The installed programs find their data relative to themselves (core/chrome.c),
# so any prefix works: /usr for the package, /usr/local for "cmake --install",
# or a folder of one's own.

install(FILES man/placard-kiosk.1 man/placard-print.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES man/placard-deck.5 DESTINATION ${CMAKE_INSTALL_MANDIR}/man5)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR} FILES_MATCHING PATTERN "*.md"
        PATTERN "*.png")
install(FILES assets/kiosk.conf.example DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)

# The service: units and the system user. Relative to the prefix, in the
# folders systemd reads for both /usr and /usr/local.
install(FILES dist/placard-kiosk.service dist/placard-kiosk-cage.service
        DESTINATION lib/systemd/system)
install(FILES dist/placard.conf DESTINATION lib/sysusers.d)

# Its settings in /etc when the prefix is /usr (the package), else under the
# prefix: decided when installing, since cpack installs with prefix /usr into
# a staging folder whatever prefix the build was configured with.
install(CODE "
  if(CMAKE_INSTALL_PREFIX STREQUAL \"/usr\")
    set(placard_etc \"/etc\")
  else()
    set(placard_etc \"\${CMAKE_INSTALL_PREFIX}/etc\")
  endif()
  file(INSTALL \"${CMAKE_SOURCE_DIR}/dist/kiosk.conf\"
       DESTINATION \"\${placard_etc}/placard\")
  file(INSTALL \"${CMAKE_SOURCE_DIR}/dist/placard-kiosk.default\"
       DESTINATION \"\${placard_etc}/default\" RENAME placard-kiosk)
")

# The Debian package.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME placard)
set(CPACK_PACKAGE_VENDOR "Placard")
set(CPACK_PACKAGE_CONTACT "Placard maintainers <maintainers@placard.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "school district plans on a multilingual kiosk, with polls and matching handouts")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "school district plans on a multilingual kiosk, with polls and matching handouts
 placard-kiosk shows a district's strategic plan fullscreen as large-type
 slides in the visitor's language (English, Spanish, Chinese, Vietnamese,
 Arabic, Persian, Armenian, Korean, Tagalog), asks quick polls and keeps every
 vote, and works with touch, keyboard, switches and speech. placard-print
 checks decks and their translations (GNU gettext catalogues) and prints
 matching handouts, QR cards and poll results.
 .
 Includes a systemd service that starts the kiosk at boot with no desktop.")
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# Installed with DESTDIR set to the staging folder and the prefix /usr, whatever
# prefix the build was configured with, so that the settings land in /etc.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# The runtime libraries as dpkg-shlibdeps finds them from the programs' links
# (libsdl2-2.0-0, libhpdf-2.3.0, libgettextpo0, libunibreak5 ...).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "cage")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "gettext, poedit")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${CMAKE_SOURCE_DIR}/dist/debian/postinst;${CMAKE_SOURCE_DIR}/dist/debian/prerm;${CMAKE_SOURCE_DIR}/dist/debian/postrm;${CMAKE_SOURCE_DIR}/dist/debian/conffiles")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
include(CPack)
