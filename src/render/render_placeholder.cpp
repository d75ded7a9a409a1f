namespace aigw::render {}
