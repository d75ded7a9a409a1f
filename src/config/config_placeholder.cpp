namespace aigw::config {}
