namespace aigw::emulator {}
