#!/usr/bin/env node
import '../out/sla.js';
