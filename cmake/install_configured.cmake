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

# slated@.service, a template made from the same unit so that the two cannot
# drift: several slated on one host (replicas on one PostgreSQL database),
# instance NAME reading ${config}/NAME.conf, with a state directory, a
# working directory and a journal identifier of its own.
set(template "${unit}")
slate_replace(template "Description=slated maintenance-window and availability scheduler\n"
              "Description=slated maintenance-window and availability scheduler, instance %i\n")
slate_replace(template " --config ${config}/slated.conf\n" " --config ${config}/%i.conf\n")
slate_replace(template "\nWorkingDirectory=/var/lib/slated\n" "\nWorkingDirectory=/var/lib/slated/%i\n")
slate_replace(template "\nStateDirectory=slated\n" "\nStateDirectory=slated/%i\n")
slate_replace(template "\nSyslogIdentifier=slated\n" "\nSyslogIdentifier=slated@%i\n")
string(PREPEND template "\
# slated@.service: one of several slated on this host, made at install from
# slated.service (below, its notes apply with NAME for slated). For replicas
# on one PostgreSQL database: /etc/slated/NAME.conf for each, with its own
# listen address and the same db, then
#   systemctl enable --now slated@a slated@b slated@c
# Each keeps /var/lib/slated/NAME and logs as slated@NAME.
")
slate_write("${CMAKE_INSTALL_PREFIX}/lib/systemd/system/slated@.service" "${template}")
