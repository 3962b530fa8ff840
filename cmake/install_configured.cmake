# Run by `cmake --install`: install etc/slated.conf and the systemd unit
# with the paths of this installation, so that the installed daemon finds
# its calendars, policies and templates whatever the prefix (the source
# files name paths relative to a checkout, and /usr/local). Done at install
# time, not configure time, so that `cmake --install --prefix P` is honoured.
#
# Set before this runs (install(CODE) in CMakeLists.txt): SLATE_SOURCE_DIR,
# SLATE_BINDIR, SLATE_SYSCONFDIR (GNUInstallDirs values, relative to the
# prefix or absolute) and SLATE_SYSTEM_USER.

function(slate_install_path out dir)
  if(IS_ABSOLUTE "${dir}")
    set(${out} "${dir}" PARENT_SCOPE)
  else()
    set(${out} "${CMAKE_INSTALL_PREFIX}/${dir}" PARENT_SCOPE)
  endif()
endfunction()

function(slate_replace text_var from to)
  string(FIND "${${text_var}}" "${from}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "install: '${from}' not found; update cmake/install_configured.cmake")
  endif()
  string(REPLACE "${from}" "${to}" text "${${text_var}}")
  set(${text_var} "${text}" PARENT_SCOPE)
endfunction()

function(slate_write path text)
  message(STATUS "Installing: $ENV{DESTDIR}${path}")
  file(WRITE "$ENV{DESTDIR}${path}" "${text}")
endfunction()

slate_install_path(bindir "${SLATE_BINDIR}")
slate_install_path(sysconfdir "${SLATE_SYSCONFDIR}")
set(config "${sysconfdir}/slated")

file(READ "${SLATE_SOURCE_DIR}/etc/slated.conf" conf)
# The unit's StateDirectory=slated is /var/lib/slated whatever the prefix.
slate_replace(conf "#db = ./var/slated.db" "db = /var/lib/slated/slated.db")
slate_replace(conf "#calendars = ./calendars" "calendars = ${config}/calendars")
slate_replace(conf "#policy = ./etc/policies/uniphore.toml"
              "policy = ${config}/policies/uniphore.toml")
slate_replace(conf "#templates = ./etc/templates" "templates = ${config}/templates")
slate_replace(conf "#tokens = ./var/tokens" "tokens = ${config}/tokens")
slate_write("${config}/slated.conf" "${conf}")

file(READ "${SLATE_SOURCE_DIR}/systemd/slated.service" unit)
slate_replace(unit "ExecStart=/usr/bin/slated --config /etc/slated/slated.conf"
              "ExecStart=${bindir}/slated --config ${config}/slated.conf")
# The package creates the user _slated; an installation from source has no
# such user, so systemd makes one up for each run.
if(NOT SLATE_SYSTEM_USER)
  slate_replace(unit "User=_slated\nGroup=_slated" "DynamicUser=yes")
endif()
slate_write("${CMAKE_INSTALL_PREFIX}/lib/systemd/system/slated.service" "${unit}")
