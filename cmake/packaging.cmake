# install() rules and the Debian package (cpack -G DEB). Paths follow the FHS through
# GNUInstallDirs; shell completions go where bash-completion, zsh and fish look for them.
include(GNUInstallDirs)

install(TARGETS aigw RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES schemas/aigw.schema.json DESTINATION ${CMAKE_INSTALL_DATADIR}/aigw/schemas)
install(DIRECTORY examples/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

# The completion scripts come from the binary itself (`aigw completion SHELL`), so they
# always match its subcommands and flags.
set(completion_dir ${PROJECT_BINARY_DIR}/completions)
add_custom_command(
  OUTPUT ${completion_dir}/aigw ${completion_dir}/_aigw ${completion_dir}/aigw.fish
  COMMAND ${CMAKE_COMMAND} -E make_directory ${completion_dir}
  COMMAND $<TARGET_FILE:aigw> completion bash > ${completion_dir}/aigw
  COMMAND $<TARGET_FILE:aigw> completion zsh > ${completion_dir}/_aigw
  COMMAND $<TARGET_FILE:aigw> completion fish > ${completion_dir}/aigw.fish
  DEPENDS aigw
  COMMENT "Generating shell completions"
  VERBATIM)
add_custom_target(aigw_completions ALL
  DEPENDS ${completion_dir}/aigw ${completion_dir}/_aigw ${completion_dir}/aigw.fish)
install(FILES ${completion_dir}/aigw
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES ${completion_dir}/_aigw DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${completion_dir}/aigw.fish
        DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)

set(CPACK_PACKAGE_NAME aigw)
set(CPACK_PACKAGE_VENDOR "aigw")
set(CPACK_PACKAGE_CONTACT "aigw maintainers <aigw@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "GitOps reconciler for Cloudflare AI Gateway")
set(CPACK_PACKAGE_DESCRIPTION
    "aigw keeps a Cloudflare AI Gateway account in Git: desired state in YAML, a reviewed plan, an ordered apply, drift detection, and a local emulator of the API.")
set(CPACK_PACKAGE_INSTALL_DIRECTORY aigw)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # aigw_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/aigw/aigw")
# Depends: computed by dpkg-shlibdeps from the binary's shared libraries (libssl3,
# libyaml-cpp0.7, libspdlog1.10, libfmt9, libboost-json1.81.0, libboost-url1.81.0, libc6...).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "ca-certificates")
include(CPack)
